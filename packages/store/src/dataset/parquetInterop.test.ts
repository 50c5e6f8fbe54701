import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm/node';
import { describe, expect, it } from 'vitest';
import { rowsToParquet } from './parquetRows.js';
import { TEST_COLUMNS, testRow } from './testing/testRows.js';

// A second, independent reader: the Rust arrow-rs parquet implementation (parquet-wasm), the
// same family of reader pyarrow and Hugging Face's dataset viewer use. If it reads our files with
// the expected Arrow types, so can they.
describe('parquet interop', () => {
  it('arrow-rs reads our file with pyarrow-like types and the same values', () => {
    const rows = Array.from({ length: 20 }, (_, i) => testRow(i));
    const table = tableFromIPC(readParquet(rowsToParquet(TEST_COLUMNS, rows)).intoIPCStream());
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(types).toEqual({
      video_id: 'Utf8',
      views: 'Int64',
      score: 'Float64',
      embed: 'List<Float64>',
    });
    expect(table.numRows).toBe(20);
    const got = table.toArray().map((r) => {
      const o = r.toJSON() as Record<string, unknown>;
      return {
        video_id: o.video_id,
        views: Number(o.views),
        score: o.score,
        embed: Array.from(o.embed as ArrayLike<number>),
      };
    });
    expect(got).toEqual(rows);
  });
});
