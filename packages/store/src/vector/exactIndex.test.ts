import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VectorLogCorruptError } from './errors.js';
import { openExactIndex } from './exactIndex.js';
import { CONTRACT_DIM, vectorIndexContract } from './testing/vectorIndexContract.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taonode-vec-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exact index, in memory', () => {
  vectorIndexContract(() => openExactIndex({ dimension: CONTRACT_DIM }));
});

describe('exact index, persisted', () => {
  let n = 0;
  vectorIndexContract(() => openExactIndex({ dimension: CONTRACT_DIM, file: join(dir, `c${n++}.vlog`) }));
});

const v = (...xs: number[]) => [...xs, ...new Array(CONTRACT_DIM - xs.length).fill(0)];

describe('exact index persistence', () => {
  it('reopens with the same records after upserts, replacements and deletes', async () => {
    const file = join(dir, 'v.vlog');
    const a = await openExactIndex({ dimension: CONTRACT_DIM, file });
    await a.upsert([
      { id: 'a', values: v(1), metadata: { k: 'x', n: 2, b: true } },
      { id: 'b', values: v(0, 1) },
      { id: 'c', values: v(0, 0, 1) },
    ]);
    await a.upsert([{ id: 'b', values: v(0, 0, 0, 1) }]);
    await a.delete(['c']);
    await a.close();
    const b = await openExactIndex({ dimension: CONTRACT_DIM, file });
    expect(await b.count()).toBe(2);
    expect(await b.query(v(0, 0, 0, 5))).toEqual([{ id: 'b', score: 1 }]);
    expect((await b.query(v(1)))[0]).toEqual({ id: 'a', score: 1, metadata: { k: 'x', n: 2, b: true } });
    await b.close();
  });

  it('drops a torn final record (crash mid-append) and keeps appending after it', async () => {
    const file = join(dir, 't.vlog');
    const a = await openExactIndex({ dimension: CONTRACT_DIM, file });
    await a.upsert([{ id: 'a', values: v(1) }]);
    await a.upsert([{ id: 'b', values: v(0, 1) }]);
    await a.close();
    const size = (await stat(file)).size;
    await truncate(file, size - 5);
    const b = await openExactIndex({ dimension: CONTRACT_DIM, file });
    expect(await b.count()).toBe(1);
    await b.upsert([{ id: 'c', values: v(0, 0, 1) }]);
    await b.close();
    const c = await openExactIndex({ dimension: CONTRACT_DIM, file });
    expect((await c.query(v(0, 0, 1), { topK: 5 })).map((m) => m.id)).toEqual(['c', 'a']);
    await c.close();
  });

  it('refuses a log damaged in the middle, naming the file and offset', async () => {
    const file = join(dir, 'd.vlog');
    const a = await openExactIndex({ dimension: CONTRACT_DIM, file });
    await a.upsert([{ id: 'a', values: v(1) }]);
    await a.upsert([{ id: 'b', values: v(0, 1) }]);
    await a.close();
    const bytes = await readFile(file);
    bytes[16 + 8 + 5] ^= 0xff; // inside the first record's payload
    await writeFile(file, bytes);
    await expect(openExactIndex({ dimension: CONTRACT_DIM, file })).rejects.toThrow(VectorLogCorruptError);
    await expect(openExactIndex({ dimension: CONTRACT_DIM, file })).rejects.toThrow(/corrupt at byte 16/);
  });

  it('refuses a log written for another dimension', async () => {
    const file = join(dir, 'w.vlog');
    await (await openExactIndex({ dimension: CONTRACT_DIM, file })).close();
    await expect(openExactIndex({ dimension: 1024, file })).rejects.toThrow(/holds 8-d vectors/);
  });

  it('compacts the log once dead records pile up, losing nothing', async () => {
    const file = join(dir, 'k.vlog');
    const a = await openExactIndex({ dimension: CONTRACT_DIM, file, compactAfter: 10 });
    for (let i = 0; i < 30; i++) await a.upsert([{ id: 'same', values: v(1, i) }]);
    await a.upsert([{ id: 'other', values: v(0, 0, 1) }]);
    await a.close();
    // One record here is 8 + 1 + 2 + 4 + 4 + 32 = 51 bytes; 31 appends uncompacted would be 1,597.
    expect((await stat(file)).size).toBeLessThanOrEqual(16 + 12 * 51);
    const b = await openExactIndex({ dimension: CONTRACT_DIM, file });
    expect(await b.count()).toBe(2);
    const [m] = await b.query(v(1, 29));
    expect(m!.id).toBe('same');
    expect(m!.score).toBeCloseTo(1, 6);
    await b.close();
  });
});
