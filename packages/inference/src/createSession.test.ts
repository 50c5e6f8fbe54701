import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession } from './createSession.js';
import { ModelLoadError, ProviderUnavailableError } from './errors.js';
import { fetchModelFile } from './modelStore/fetchModelFile.js';
import { runBatched } from './runBatched.js';
import {
  ensureTinyImageBind,
  startFakeHub,
  TINY_TEXT_LOGIT_SCALE,
  type TinyModelPaths,
} from './testing/index.js';

let models: TinyModelPaths;
beforeAll(async () => {
  models = await ensureTinyImageBind();
});

function rowNorms(data: Float32Array, dim: number): number[] {
  const norms: number[] = [];
  for (let r = 0; r < data.length / dim; r++) {
    let s = 0;
    for (let i = 0; i < dim; i++) s += data[r * dim + i] ** 2;
    norms.push(Math.sqrt(s));
  }
  return norms;
}

describe('createSession', () => {
  it('runs the tiny ImageBind models on the CPU with their contracts', async () => {
    const vision = await createSession(models.vision, { device: 'cpu', threads: 1 });
    expect(vision.device).toBe('cpu');
    expect(vision.inputNames).toEqual(['pixel_values']);
    expect(vision.outputNames).toEqual(['embeddings']);
    const pixels = new Float32Array(2 * 3 * 2 * 224 * 224).map((_, i) => Math.sin(i / 97));
    const v = await runBatched(vision, pixels, [2, 3, 2, 224, 224]);
    expect(v.dims).toEqual([2, 1024]);
    for (const n of rowNorms(v.data, 1024)) expect(n).toBeCloseTo(1, 5);
    await vision.release();

    const audio = await createSession(models.audio, { device: 'cpu', threads: 1 });
    const mel = new Float32Array(128 * 204).map((_, i) => Math.cos(i / 13));
    const a = await runBatched(audio, mel, [1, 1, 128, 204]);
    expect(rowNorms(a.data, 1024)[0]).toBeCloseTo(20, 3);
    await audio.release();

    const text = await createSession(models.text, { device: 'cpu', threads: 1 });
    const ids = new BigInt64Array(77);
    ids.set([49406n, 320n, 1125n, 49407n]);
    const t = await runBatched(text, ids, [1, 77]);
    expect(rowNorms(t.data, 1024)[0]).toBeCloseTo(TINY_TEXT_LOGIT_SCALE, 3);
    await text.release();
  });

  it('auto falls back to the CPU and says why when CUDA cannot load', async () => {
    const skipped: string[] = [];
    const s = await createSession(models.text, {
      device: 'auto',
      onFallback: (d, reason) => skipped.push(`${d}: ${reason}`),
    });
    if (s.device === 'cpu') {
      expect(skipped).toHaveLength(1);
      expect(skipped[0]).toMatch(/^cuda: /);
    } else {
      expect(s.device).toBe('cuda');
    }
    await s.release();
  });

  it('an explicit provider that cannot load is a typed error with a way to get it', async () => {
    const err = await createSession(models.text, { device: 'coreml', platform: 'linux' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderUnavailableError);
    expect((err as ProviderUnavailableError).message).toContain('"coreml" is not available');
    expect((err as ProviderUnavailableError).hint).toMatch(/macOS/);

    const cuda = await createSession(models.text, { device: 'cuda' }).catch((e: unknown) => e);
    if (cuda instanceof Error) {
      expect(cuda).toBeInstanceOf(ProviderUnavailableError);
      expect((cuda as ProviderUnavailableError).code).toBe('PROVIDER_UNAVAILABLE');
      expect((cuda as ProviderUnavailableError).hint).toContain('ONNXRUNTIME_NODE_INSTALL=skip');
    }
  });

  it('a corrupt model is a ModelLoadError, not a provider problem', async () => {
    const bytes = await readFile(models.text);
    const err = await createSession(bytes.subarray(0, 1000), { device: 'cpu' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as ModelLoadError).message).toContain('in-memory model, 1000 bytes');
  });
});

describe('model store → session', () => {
  it('fetches a model from a hub at a pinned commit and runs it', async () => {
    const repo = 'taonode/tiny-imagebind';
    const commit = '0123456789abcdef0123456789abcdef01234567';
    const hub = await startFakeHub(repo, commit, [
      { path: 'text.onnx', content: await readFile(models.text), lfs: true },
    ]);
    const cacheDir = await mkdtemp(join(tmpdir(), 'taonode-hub-'));
    try {
      const path = await fetchModelFile(
        { kind: 'hf', repo, revision: commit, hubUrl: hub.url, cacheDir },
        { path: 'text.onnx' },
      );
      const text = await createSession(path, { device: 'cpu', threads: 1 });
      const ids = new BigInt64Array(77);
      ids.set([49406n, 320n, 49407n]);
      expect((await runBatched(text, ids, [1, 77])).dims).toEqual([1, 1024]);
      await text.release();
    } finally {
      await hub.close();
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
