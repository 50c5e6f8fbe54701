import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkModelFolder } from '../contract/checkModelFolder.js';
import {
  ensureTinySn21Models,
  type TinySn21Models,
  transformerCaptionModel,
  writeModelFolder,
} from '../testing/index.js';
import { type CaptionModel, loadCaptionModel } from './captionModel.js';
import { CaptionDeadlineError, greedyCaption } from './greedyCaption.js';

let tiny: TinySn21Models;
const open: CaptionModel[] = [];
const load = async (dir: string) => {
  const m = await loadCaptionModel(checkModelFolder(dir), { device: 'cpu', threads: 1 });
  open.push(m);
  return m;
};

beforeAll(async () => {
  tiny = await ensureTinySn21Models();
});
afterAll(async () => {
  for (const m of open) await m.release();
});

describe('greedy captioning with the KV cache', () => {
  it('the good tiny model emits each row’s caption, then stops at eos', async () => {
    const model = await load(tiny.dirs.good);
    for (const row of tiny.rows.slice(0, 5)) {
      const c = await greedyCaption(model, row.embedding);
      expect(c.text).toBe(row.description);
      expect(c.stoppedBy).toBe('eos');
      expect(c.steps).toBe(c.ids.length + 1);
    }
    // An embedding near a row's (not equal) still selects that row.
    const near = tiny.rows[3]!.embedding.map((x, i) => x + (i % 2 ? 0.002 : -0.002));
    expect((await greedyCaption(model, near)).text).toBe(tiny.rows[3]!.description);
  });

  it('the noise model emits other words', async () => {
    const model = await load(tiny.dirs.noise);
    const c = await greedyCaption(model, tiny.rows[0]!.embedding);
    expect(c.stoppedBy).toBe('eos');
    expect(c.text).not.toBe(tiny.rows[0]!.description);
  });

  it('a model that never emits eos is stopped by the token limit; a deadline stops it too', async () => {
    const model = await load(tiny.dirs.neverEos);
    const c = await greedyCaption(model, tiny.rows[0]!.embedding, { maxNewTokens: 40 });
    expect(c.stoppedBy).toBe('limit');
    expect(c.ids).toHaveLength(40);
    await expect(
      greedyCaption(model, tiny.rows[0]!.embedding, { deadline: performance.now() - 1 }),
    ).rejects.toBeInstanceOf(CaptionDeadlineError);
  });

  it('decoding with the cache gives the same tokens as recomputing the whole sequence (plain ops and fused GroupQueryAttention)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sn21-tf-'));
    try {
      for (const attention of ['ops', 'gqa'] as const) {
        const sub = join(dir, attention);
        await writeModelFolder(
          sub,
          transformerCaptionModel({ hidden: 32, layers: 2, heads: 4, seed: 3, attention }),
        );
        const model = await load(sub);
        for (const row of tiny.rows.slice(0, 2)) {
          const cached = await greedyCaption(model, row.embedding, { maxNewTokens: 24 });
          const recomputed = await greedyCaption(model, row.embedding, { maxNewTokens: 24, useCache: false });
          expect(recomputed.ids).toEqual(cached.ids);
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
