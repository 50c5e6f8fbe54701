import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelCache } from './modelCache.js';

let root: string;
let clock = 0;
const now = () => ++clock;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sn21-cache-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const fill = (bytes: number) => async (dir: string) => {
  await writeFile(join(dir, 'blob'), new Uint8Array(bytes));
  return { files: [{ path: 'blob', bytes, sha256: 'x' }], contentHash: `h${bytes}` };
};

describe('ModelCache (bytes-bounded LRU on disk)', () => {
  it('evicts the least recently used model, never one in use, and survives a reopen', async () => {
    const cache = await ModelCache.open({ dir: root, maxBytes: 2500, now });
    (await cache.add('a', fill(1000))).release();
    (await cache.add('b', fill(1000))).release();
    (await cache.acquire('a'))?.release(); // a is now more recent than b
    const c = await cache.add('c', fill(1000));
    expect(cache.keys().sort()).toEqual(['a', 'c']);
    expect(cache.totalBytes).toBe(2000);
    // Everything else in use: a new model may overshoot until they are released.
    const a = await cache.acquire('a');
    const d = await cache.add('d', fill(1000));
    expect(cache.keys().sort()).toEqual(['a', 'c', 'd']);
    for (const l of [a, c, d]) l?.release();
    (await cache.add('e', fill(100))).release();
    expect(cache.totalBytes).toBeLessThanOrEqual(2500);

    const reopened = await ModelCache.open({ dir: root, maxBytes: 2500, now });
    expect(reopened.keys().sort()).toEqual(cache.keys().sort());
    const lease = await reopened.acquire('e');
    expect(existsSync(join(lease!.model.dir, 'blob'))).toBe(true);
  });

  it('removes half-written folders after a crash and never caches a failed fill', async () => {
    await mkdir(join(root, 'tmp-m-deadbeef'), { recursive: true });
    await writeFile(join(root, 'tmp-m-deadbeef', 'part'), 'half');
    const cache = await ModelCache.open({ dir: root, maxBytes: 10_000, now });
    expect(await readdir(root)).toEqual(['index.json']);
    await expect(
      cache.add('bad', async () => {
        throw new Error('download failed');
      }),
    ).rejects.toThrow('download failed');
    expect(cache.keys()).toEqual([]);
    expect(await readdir(root)).toEqual(['index.json']);
  });
});
