import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { rowsToParquet } from '@taonode/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetUnavailableError } from '../errors.js';
import {
  type FakeModelHub,
  makeTestRows,
  startFakeModelHub,
  TEST_ROW_COLUMNS,
  testDatasetFiles,
} from '../testing/index.js';
import { hubDatasetSource, localDatasetSource } from './datasetSource.js';
import { selectEvaluationRows, ulidTimeMs } from './selectRows.js';

const HOUR = 3_600_000;
const T = Date.parse('2026-03-01T12:00:00Z');
const rows = makeTestRows(100, 3);
let dir: string;
let hub: FakeModelHub;

async function put(path: string, bytes: Uint8Array | string) {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), bytes);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sn21-rows-'));
  const fresh = testDatasetFiles(rows.slice(0, 80), { timeMs: T - 2 * HOUR, rowsPerFile: 8 }); // 10 files
  const old = testDatasetFiles(rows.slice(80, 90), { timeMs: T - 9 * HOUR, rowsPerFile: 5 });
  const tooNew = testDatasetFiles(rows.slice(90, 100), { timeMs: T - 60_000, rowsPerFile: 10 });
  for (const f of [...fresh, ...old, ...tooNew]) await put(f.path, f.bytes);
  hub = await startFakeModelHub({ token: 't' });
  hub.seedRepo('omega/multimodal', {
    type: 'dataset',
    files: Object.fromEntries([...fresh, ...old, ...tooNew].map((f) => [f.path, f.bytes])),
  });
});
afterAll(async () => {
  await hub?.close();
  await rm(dir, { recursive: true, force: true });
});

const options = { blockHash: `0x${'12'.repeat(32)}`, blockTimeMs: T, competition: 'o1' };

describe('evaluation rows (spec §5.2: fresh SN24 files, 8 files, 64 rows, seeded)', () => {
  it('reads the ULID time of a file name', () => {
    const [f] = testDatasetFiles(rows.slice(0, 1), { timeMs: T, rowsPerFile: 1 });
    expect(ulidTimeMs(f!.path)).toBe(T);
    expect(ulidTimeMs('default/train/000/not-a-ulid.parquet')).toBeUndefined();
  });

  it('draws 64 rows from at most 8 fresh, settled files; the same block gives the same rows', async () => {
    const source = localDatasetSource(dir);
    const a = await selectEvaluationRows(source, options);
    expect(a.files).toHaveLength(8);
    expect(a.rows).toHaveLength(64);
    expect(a.fallback).toBe(false);
    const known = new Map(rows.map((r, i) => [r.videoId, i]));
    // Only rows of fresh files (0…79): not the 9 h old ones, not the one-minute-old ones.
    for (const r of a.rows) expect(known.get(r.id)).toBeLessThan(80);
    expect(new Set(a.rows.map((r) => r.id)).size).toBe(64);
    const b = await selectEvaluationRows(source, options);
    expect(b.rows.map((r) => r.id)).toEqual(a.rows.map((r) => r.id));
    expect(b.rows[0]!.embedding).toEqual(rows[known.get(b.rows[0]!.id)!]!.embedding);
    const other = await selectEvaluationRows(source, { ...options, blockHash: `0x${'34'.repeat(32)}` });
    expect(other.rows.map((r) => r.id)).not.toEqual(a.rows.map((r) => r.id));
    expect(other.seed).not.toBe(a.seed);
  });

  it('a hub dataset repo in the same layout gives the same rows', async () => {
    const local = await selectEvaluationRows(localDatasetSource(dir), options);
    const remote = await selectEvaluationRows(
      hubDatasetSource({ hub: { hubUrl: hub.url }, repo: 'omega/multimodal' }),
      options,
    );
    expect(remote.rows.map((r) => r.id)).toEqual(local.rows.map((r) => r.id));
  });

  it('falls back to older files, skips bad rows, and says when there is nothing', async () => {
    const later = { ...options, blockTimeMs: T + 10 * HOUR };
    const fb = await selectEvaluationRows(localDatasetSource(dir), later);
    expect(fb.fallback).toBe(true);
    expect(fb.rows.length).toBeGreaterThan(0);

    const bad = await mkdtemp(join(tmpdir(), 'sn21-bad-'));
    try {
      const good = testDatasetFiles(rows.slice(0, 3), { timeMs: T - HOUR, rowsPerFile: 3 })[0]!;
      const broken = rowsToParquet(TEST_ROW_COLUMNS, [
        { video_id: 'short', description: 'a dog', video_embed: [1, 2, 3], submitted_at: 1 },
        { video_id: 'empty', description: '  ', video_embed: Array(1024).fill(0.1), submitted_at: 1 },
      ]);
      const brokenPath = good.path.replace(/[0-9A-Z]{26}\.parquet$/, '01J0000000000000000000000X.parquet');
      for (const [p, b] of [
        [good.path, good.bytes],
        [brokenPath, broken],
      ] as const) {
        await mkdir(dirname(join(bad, p)), { recursive: true });
        await writeFile(join(bad, p), b);
      }
      const r = await selectEvaluationRows(localDatasetSource(bad), {
        ...options,
        blockTimeMs: T + 100 * HOUR,
      });
      expect(r.rows).toHaveLength(3);
      expect(r.skipped).toBe(2);
      await expect(
        selectEvaluationRows(localDatasetSource(bad), { ...options, blockTimeMs: T - 50 * 24 * HOUR }),
      ).rejects.toBeInstanceOf(DatasetUnavailableError);
      await expect(selectEvaluationRows(localDatasetSource(join(bad, 'nope')), options)).rejects.toThrow(
        /no evaluation rows: cannot list/,
      );
    } finally {
      await rm(bad, { recursive: true, force: true });
    }
  });
});
