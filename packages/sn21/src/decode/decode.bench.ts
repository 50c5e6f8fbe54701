// Greedy decoding with the KV cache vs recomputing the whole sequence every step, at 300 new
// tokens, on a small random-weight transformer decoder with real causal attention (CPU unless
// TAONODE_BENCH_DEVICE says otherwise). Target: the cache ≥ 5× faster. Writes
// bench/results/sn21-decode.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, writeBenchResult } from '@taonode/bench';
import type { Device } from '@taonode/inference';
import { checkModelFolder } from '../contract/checkModelFolder.js';
import { makeTestRows, transformerCaptionModel, writeModelFolder } from '../testing/index.js';
import { loadCaptionModel } from './captionModel.js';
import { greedyCaption } from './greedyCaption.js';

const device = (process.env.TAONODE_BENCH_DEVICE ?? 'cpu') as Device;
const TOKENS = 300;
const shape = { hidden: 768, layers: 2, heads: 12 };
const loadBefore = loadavg()[0];
const dir = await mkdtemp(join(tmpdir(), 'sn21-decode-bench-'));
try {
  await writeModelFolder(dir, transformerCaptionModel({ ...shape, neverEos: true, seed: 21 }));
  // One intra-op thread: on a shared 2-core box, spinning pool threads cost more than they give.
  const threads = Number(process.env.TAONODE_BENCH_THREADS ?? 1);
  const model = await loadCaptionModel(checkModelFolder(dir), { device, threads });
  const [row] = makeTestRows(1, 7);
  const run = async (useCache: boolean) => {
    const t = performance.now();
    const c = await greedyCaption(model, row!.embedding, { maxNewTokens: TOKENS, useCache });
    return { ms: performance.now() - t, ids: c.ids };
  };
  await run(true); // warm-up
  const cached = [await run(true), await run(true), await run(true)];
  const recomputed = await run(false);
  const sameTokens = recomputed.ids.join() === cached[0]!.ids.join();
  const cachedMs = median(cached.map((c) => c.ms));
  await model.release();
  const result = {
    tokens: TOKENS,
    cachedMs: Math.round(cachedMs),
    recomputeMs: Math.round(recomputed.ms),
    cachedTokensPerS: Math.round((TOKENS / cachedMs) * 1000),
    recomputeTokensPerS: Math.round((TOKENS / recomputed.ms) * 10_000) / 10,
    speedup: Math.round((recomputed.ms / cachedMs) * 10) / 10,
    sameTokens,
  };
  console.table([result]);
  writeBenchResult('sn21-decode', {
    description: `greedy decode of ${TOKENS} new tokens: KV cache (median of 3) vs whole-sequence recompute (1 run)`,
    model: `random-weight transformer decoder, ${shape.layers} layers, width ${shape.hidden}, ${shape.heads} heads (scripts/models)`,
    device,
    threads,
    target: 'speedup >= 5',
    loadAverage1m: { before: loadBefore, after: loadavg()[0] },
    result,
  });
  if (!sameTokens) throw new Error('cache and recompute produced different tokens');
} finally {
  await rm(dir, { recursive: true, force: true });
}
