import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatasetRow, DatasetRowError } from './columns.js';
import { DatasetSink, type FlushStep } from './datasetSink.js';
import { createHfUploader } from './hfUploader.js';
import { readParquetRows } from './parquetRows.js';
import { type FakeHfHub, startFakeHfHub } from './testing/fakeHfHub.js';
import { TEST_COLUMNS, testRow } from './testing/testRows.js';

let dir: string;
let hub: FakeHfHub;
beforeAll(async () => {
  hub = await startFakeHfHub({ token: 'hf_test' });
});
afterAll(async () => {
  await hub.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taonode-sink-'));
  hub.repos.clear();
  hub.commits.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function parquetFiles(root: string): Promise<string[]> {
  const all = await readdir(root, { recursive: true });
  return all.filter((f) => f.endsWith('.parquet')).map((f) => join(root, f));
}

/** Every row in the folder's parquet files, in file order. */
async function rowsOnDisk(root: string): Promise<DatasetRow[]> {
  const out: DatasetRow[] = [];
  for (const f of (await parquetFiles(root)).sort()) out.push(...(await readParquetRows(await readFile(f))));
  return out;
}

const ids = (rows: DatasetRow[]) => rows.map((r) => r.video_id as string).sort();
const expectedIds = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`).sort();

describe('dataset sink', () => {
  it('writes a parquet file per full batch under default/train/<bucket>/<ULID>.parquet', async () => {
    const sink = await DatasetSink.open({ dir, columns: TEST_COLUMNS, batchSizes: [4] });
    await sink.append([0, 1, 2].map(testRow));
    expect(await parquetFiles(dir)).toHaveLength(0);
    await sink.append([3, 4, 5, 6, 7, 8].map(testRow));
    const files = await parquetFiles(dir);
    expect(files).toHaveLength(2);
    for (const f of files)
      expect(relative(dir, f)).toMatch(/^default\/train\/\d{3}\/[0-9A-HJKMNP-TV-Z]{26}\.parquet$/);
    expect(sink.pendingCount).toBe(1);
    const rows = await rowsOnDisk(dir);
    expect(ids(rows)).toEqual(expectedIds(8));
    expect(rows.find((r) => r.video_id === 'r5')).toEqual(testRow(5));
    await sink.close();
  });

  it('keeps pending rows across a restart and flushes them on demand', async () => {
    const a = await DatasetSink.open({ dir, columns: TEST_COLUMNS, batchSizes: [100] });
    await a.append([0, 1, 2].map(testRow));
    await a.close();
    const b = await DatasetSink.open({ dir, columns: TEST_COLUMNS, batchSizes: [100] });
    expect(b.pendingCount).toBe(3);
    expect(await b.flush({ minRows: 4 })).toEqual([]);
    expect(await b.flush()).toHaveLength(1);
    expect(ids(await rowsOnDisk(dir))).toEqual(expectedIds(3));
    await b.close();
  });

  it('rejects a bad row with its index and field, writing none of its batch', async () => {
    const sink = await DatasetSink.open({ dir, columns: TEST_COLUMNS, batchSizes: [2] });
    const bad = { ...testRow(1), embed: [1, Number.NaN] };
    const err = await sink.append([testRow(0), bad]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetRowError);
    expect((err as Error).message).toMatch(/dataset row 1 does not fit the columns: embed\.1: /);
    await expect(sink.append([{ ...testRow(0), extra: 'x' }])).rejects.toThrow(/Unrecognized key/);
    await expect(sink.append([{ ...testRow(0), views: 1.5 }])).rejects.toThrow(/views/);
    expect(sink.pendingCount).toBe(0);
    await sink.close();
  });

  it('drops a torn last journal line (crash mid-append)', async () => {
    const a = await DatasetSink.open({ dir, columns: TEST_COLUMNS, batchSizes: [100] });
    await a.append([testRow(0)]);
    await a.close();
    await appendFile(join(dir, 'journal.jsonl'), '{"t":"row","seq":1,"row":{"video');
    const b = await DatasetSink.open({ dir, columns: TEST_COLUMNS, batchSizes: [100] });
    expect(b.pendingCount).toBe(1);
    await b.append([testRow(1)]);
    await b.flush();
    expect(ids(await rowsOnDisk(dir))).toEqual(expectedIds(2));
    await b.close();
  });

  it('uploads each batch to the Hugging Face dataset repo, and retries a failed upload once', async () => {
    const errors: unknown[] = [];
    const uploader = createHfUploader({ repo: 'me/data', accessToken: 'hf_test', hubUrl: hub.url });
    const sink = await DatasetSink.open({
      dir,
      columns: TEST_COLUMNS,
      batchSizes: [5],
      uploader,
      onError: (e) => errors.push(e),
    });
    hub.failNextCommits = 1;
    await sink.append([0, 1, 2, 3, 4, 5].map(testRow));
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/uploading default\/train\/\d{3}\/\w{26}\.parquet .* failed/);
    expect(String(errors[0])).not.toContain('hf_test');
    await sink.append([6, 7, 8, 9].map(testRow)); // retries the open batch first, then writes the next
    expect(errors).toHaveLength(1);
    const files = hub.repos.get('me/data')!;
    expect(files.size).toBe(2);
    const uploaded: DatasetRow[] = [];
    for (const [path, bytes] of files) {
      expect(Buffer.from(bytes).equals(await readFile(join(dir, path)))).toBe(true);
      uploaded.push(...(await readParquetRows(bytes)));
    }
    expect(ids(uploaded)).toEqual(expectedIds(10));
    expect(hub.commits.map((c) => c.title)[0]).toMatch(/^Add default\/train\//);
    await sink.close();
  });
});

const child = fileURLToPath(new URL('./testing/sinkCrashChild.ts', import.meta.url));
function runChild(args: string[]): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--conditions=@taonode/source', '--import', 'tsx', child, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    p.stderr.on('data', (d: Buffer) => (out += d));
    p.on('error', reject);
    p.on('close', (_code, signal) => resolve({ signal, out }));
  });
}

describe('dataset sink crash safety (child process killed mid-flush)', () => {
  const steps: FlushStep[] = ['intent', 'written', 'uploaded', 'done'];
  for (const step of steps) {
    it(`SIGKILL after "${step}": every row ends up in exactly one file, locally and on the hub`, async () => {
      const r = await runChild([dir, step, '33', hub.url]);
      expect(r.signal, r.out).toBe('SIGKILL');
      const uploader = createHfUploader({ repo: 'me/data', accessToken: 'hf_test', hubUrl: hub.url });
      const sink = await DatasetSink.open({ dir, columns: TEST_COLUMNS, batchSizes: [10], uploader });
      // The child journaled 21 rows before dying in its second batch (appends of 7: 7, 14, 21).
      await sink.append([21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32].map(testRow));
      await sink.flush();
      await sink.close();
      const local = await rowsOnDisk(dir);
      expect(ids(local)).toEqual(expectedIds(33));
      const remote: DatasetRow[] = [];
      for (const bytes of hub.repos.get('me/data')!.values()) remote.push(...(await readParquetRows(bytes)));
      expect(ids(remote)).toEqual(expectedIds(33));
    }, 60_000);
  }
});
