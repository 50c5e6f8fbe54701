import { describe, expect, it } from 'vitest';
import { readParquetRows, rowsToParquet } from './parquetRows.js';
import { TEST_COLUMNS, testRow } from './testing/testRows.js';
import { batchPath, ulid, ulidToBigInt } from './ulid.js';

describe('parquet rows', () => {
  it('writes every column type and reads it back unchanged', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => testRow(i));
    rows[3] = { ...rows[3]!, video_id: 'ünïcødé ✓', views: 2 ** 53 - 1, embed: [] };
    const bytes = rowsToParquet(TEST_COLUMNS, rows);
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('PAR1');
    expect(await readParquetRows(bytes)).toEqual(rows);
  });

  it('holds rows of three 1,024-d embeddings (the SN24 row shape)', async () => {
    const cols = [
      { name: 'youtube_id', type: 'string' as const },
      { name: 'video_embed', type: 'doubleList' as const },
      { name: 'audio_embed', type: 'doubleList' as const },
      { name: 'description_embed', type: 'doubleList' as const },
    ];
    const emb = (k: number) => Array.from({ length: 1024 }, (_, i) => Math.sin(k * 1024 + i));
    const rows = Array.from({ length: 128 }, (_, k) => ({
      youtube_id: `id${k}`.padEnd(11, 'x'),
      video_embed: emb(k),
      audio_embed: emb(k + 1),
      description_embed: emb(k + 2),
    }));
    const back = await readParquetRows(rowsToParquet(cols, rows));
    expect(back).toHaveLength(128);
    expect(back).toEqual(rows);
  });
});

describe('ULID batch paths', () => {
  it('encodes the ULID spec example time and the zero ULID', () => {
    expect(ulid(0, new Uint8Array(10))).toBe('00000000000000000000000000');
    expect(ulid(1469918176385, new Uint8Array(10)).slice(0, 10)).toBe('01ARYZ6S41');
    expect(ulid(2 ** 48 - 1, new Uint8Array(10).fill(255))).toBe('7ZZZZZZZZZZZZZZZZZZZZZZZZZ');
  });

  it('buckets by the ULID integer mod 1000, zero-padded', () => {
    const id = ulid(0, Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0xe9])); // 1001
    expect(ulidToBigInt(id)).toBe(1001n);
    expect(batchPath('default/train', id)).toBe(`default/train/001/${id}.parquet`);
    expect(() => ulidToBigInt('not-a-ulid!')).toThrow(/not a ULID/);
  });
});
