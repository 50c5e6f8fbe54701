import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PendingRevealStoreError } from './errors.js';
import { type PendingReveal, PendingRevealStore } from './pendingReveals.js';

const entry = (hash: string, over: Partial<PendingReveal> = {}): PendingReveal => ({
  commitHash: `0x${hash.repeat(64).slice(0, 64)}`,
  netuid: 2,
  mecid: 0,
  hotkey: '5HDvhV6WDCjCKyrXqGQSDYqQAzkzabNhctmiDYEqgBC66BsX',
  uids: [0, 1],
  values: [65535, 100],
  salt: [1, 2, 3, 4, 5, 6, 7, 8],
  versionKey: '18446744073709551615',
  status: 'committed',
  createdAt: new Date(0).toISOString(),
  commitBlock: 10,
  ...over,
});

describe('PendingRevealStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'taonode-pending-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts empty, persists across instances, keeps u64 version keys exact', async () => {
    const path = join(dir, 'nested', 'reveals.json');
    const a = new PendingRevealStore(path);
    expect(await a.list()).toEqual([]);
    await a.add(entry('a'));
    await a.add(entry('b', { netuid: 3 }));
    const b = new PendingRevealStore(path);
    expect((await b.list({ netuid: 2 })).map((p) => p.versionKey)).toEqual(['18446744073709551615']);
    await b.update(entry('a').commitHash, { status: 'submitting' });
    await b.remove(entry('b').commitHash);
    expect(await new PendingRevealStore(path).list()).toEqual([{ ...entry('a'), status: 'submitting' }]);
    // no temp files left behind
    expect((await readdir(join(dir, 'nested'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('serialises concurrent writers in one process', async () => {
    const store = new PendingRevealStore(join(dir, 'r.json'));
    await Promise.all(['1', '2', '3', '4', '5', '6'].map((h) => store.add(entry(h))));
    expect((await store.list()).length).toBe(6);
  });

  it('refuses to overwrite a corrupt file', async () => {
    const path = join(dir, 'r.json');
    await writeFile(path, '{"version":1,"pending":[');
    const store = new PendingRevealStore(path);
    await expect(store.list()).rejects.toBeInstanceOf(PendingRevealStoreError);
    await expect(store.add(entry('c'))).rejects.toBeInstanceOf(PendingRevealStoreError);
    expect(await readFile(path, 'utf8')).toBe('{"version":1,"pending":[');
  });

  it('records the last submission per key', async () => {
    const store = new PendingRevealStore(join(dir, 'r.json'));
    const key = { netuid: 2, mecid: 0, hotkey: 'h' };
    await store.recordSubmission({ ...key, digest: 'd1', kind: 'set', block: 5 });
    await store.recordSubmission({ ...key, digest: 'd2', kind: 'set', block: 9 });
    expect(await store.lastSubmission(key)).toMatchObject({ digest: 'd2', block: 9 });
    expect(await store.lastSubmission({ ...key, netuid: 3 })).toBeUndefined();
  });
});
