import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelFetchError, ModelHashMismatchError } from '../errors.js';
import { startFakeHub } from '../testing/fakeHub.js';
import { fetchModelFile } from './fetchModelFile.js';
import { modelSourceSchema } from './modelSource.js';
import type { DownloadProgress } from './progress.js';

const repo = 'taonode/tiny-imagebind';
const commit = 'a'.repeat(40);
const weights = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
const vocab = new TextEncoder().encode('small non-LFS file\n');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'taonode-models-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fetchModelFile from the hub', () => {
  it('downloads at the pinned commit with progress, checks sha256 and then serves the cache', async () => {
    const hub = await startFakeHub(repo, commit, [
      { path: 'vision.onnx', content: weights, lfs: true },
      { path: 'vocab.txt', content: vocab, lfs: false },
    ]);
    try {
      const source = { kind: 'hf', repo, revision: commit, hubUrl: hub.url, cacheDir: dir } as const;
      const progress: DownloadProgress[] = [];
      const path = await fetchModelFile(
        source,
        { path: 'vision.onnx' },
        { onProgress: (p) => progress.push(p) },
      );
      expect(sha(await readFile(path))).toBe(sha(weights));
      expect(path).toContain(commit);
      expect(progress.at(-1)).toEqual({
        file: 'vision.onnx',
        loaded: weights.byteLength,
        total: weights.byteLength,
      });
      expect(hub.requests).toContain(`POST /api/models/${repo}/paths-info/${commit}`);
      expect(hub.requests).toContain(`GET /${repo}/resolve/${commit}/vision.onnx`);

      // Second fetch: served from the cache, no download.
      const downloads = hub.requests.filter((r) => r.startsWith('GET')).length;
      expect(await fetchModelFile(source, { path: 'vision.onnx', sha256: sha(weights) })).toBe(path);
      expect(hub.requests.filter((r) => r.startsWith('GET')).length).toBe(downloads);

      // A small file outside LFS is checked against its git blob id.
      const small = await fetchModelFile(source, { path: 'vocab.txt' });
      expect(await readFile(small, 'utf8')).toBe('small non-LFS file\n');
    } finally {
      await hub.close();
    }
  });

  it('rejects and deletes bytes that do not match the hash', async () => {
    const tampered = weights.slice();
    tampered[1000] ^= 0xff;
    const hub = await startFakeHub(repo, commit, [
      { path: 'vision.onnx', content: weights, lfs: true, served: tampered },
    ]);
    try {
      const source = { kind: 'hf', repo, revision: commit, hubUrl: hub.url, cacheDir: dir } as const;
      const err = await fetchModelFile(source, { path: 'vision.onnx' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ModelHashMismatchError);
      expect((err as ModelHashMismatchError).expected).toBe(sha(weights));
      expect((err as ModelHashMismatchError).actual).toBe(sha(tampered));
      // Nothing left behind that a later start could load.
      const again = await fetchModelFile(source, { path: 'vision.onnx' }).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(ModelHashMismatchError);
      // A configured sha256 wins over the hub's claim.
      const pinned = await fetchModelFile(source, { path: 'vision.onnx', sha256: 'b'.repeat(64) }).catch(
        (e: unknown) => e,
      );
      expect((pinned as ModelHashMismatchError).expected).toBe('b'.repeat(64));
    } finally {
      await hub.close();
    }
  });

  it('names the problem for an unknown commit, a missing file or an unreachable hub', async () => {
    const hub = await startFakeHub(repo, commit, [{ path: 'vision.onnx', content: weights, lfs: true }]);
    try {
      const other = { kind: 'hf', repo, revision: 'c'.repeat(40), hubUrl: hub.url, cacheDir: dir } as const;
      const e1 = await fetchModelFile(other, { path: 'vision.onnx' }).catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(ModelFetchError);
      expect((e1 as Error).message).toContain('not found on the hub');
      const same = { ...other, revision: commit };
      const e2 = await fetchModelFile(same, { path: 'audio.onnx' }).catch((e: unknown) => e);
      expect((e2 as Error).message).toContain(`${repo}/audio.onnx at ${commit}`);
    } finally {
      await hub.close();
    }
    const gone = { kind: 'hf', repo, revision: commit, hubUrl: hub.url, cacheDir: dir } as const;
    const e3 = await fetchModelFile(gone, { path: 'vision.onnx' }).catch((e: unknown) => e);
    expect(e3).toBeInstanceOf(ModelFetchError);
    expect((e3 as ModelFetchError).hint).toContain('local model folder');
  });

  it('requires a pinned commit, not a branch', () => {
    const r = modelSourceSchema.safeParse({ kind: 'hf', repo, revision: 'main' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('40-character commit hash');
  });
});

describe('fetchModelFile from a local folder', () => {
  it('returns the file, checks a configured sha256 and explains a missing file', async () => {
    await writeFile(join(dir, 'vision.onnx'), weights);
    const source = { kind: 'local', dir } as const;
    expect(await fetchModelFile(source, { path: 'vision.onnx', sha256: sha(weights) })).toBe(
      join(dir, 'vision.onnx'),
    );
    await expect(
      fetchModelFile(source, { path: 'vision.onnx', sha256: '0'.repeat(64) }),
    ).rejects.toBeInstanceOf(ModelHashMismatchError);
    expect(existsSync(join(dir, 'vision.onnx'))).toBe(true); // a local file is the user's: never deleted
    await expect(fetchModelFile(source, { path: 'audio.onnx' })).rejects.toThrow(/does not exist/);
    await expect(fetchModelFile(source, { path: '../etc/passwd' })).rejects.toThrow(/relative inside/);
  });
});
