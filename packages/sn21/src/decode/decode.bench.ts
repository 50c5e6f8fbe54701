// Greedy decoding with the KV cache vs recomputing the whole sequence every step, at 300 new
// tokens, on small random-weight transformer decoders with real causal attention (CPU unless
// TAONODE_BENCH_DEVICE says otherwise). Two attention variants: plain ONNX ops (a causal mask
// built in every layer) and ONNX Runtime's fused GroupQueryAttention, which is how
// onnxruntime-genai exports real decoders. Target: the cache ≥ 5× faster. Both wall time and the
// process's CPU time are reported: on a shared box the wall clock mostly measures waiting for a
// core, CPU time measures the work. Writes bench/results/sn21-decode.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, writeBenchResult } from '@taonode/bench';
import type { Device } from '@taonode/inference';
import { checkModelFolder } from '../contract/checkModelFolder.js';
import {
  makeTestRows,
  type TransformerOptions,
  transformerCaptionModel,
  writeModelFolder,
} from '../testing/index.js';
import { loadCaptionModel } from './captionModel.js';
import { greedyCaption } from './greedyCaption.js';

const device = (process.env.TAONODE_BENCH_DEVICE ?? 'cpu') as Device;
// One intra-op thread: on a shared 2-core box, spinning pool threads cost more than they give.
const threads = Number(process.env.TAONODE_BENCH_THREADS ?? 1);
const TOKENS = 300;
const ROUNDS = 3;
const decoders: (Omit<TransformerOptions, 'seed' | 'neverEos'> & { attention: 'ops' | 'gqa' })[] = [
  { hidden: 768, layers: 2, heads: 12, attention: 'gqa' },
  { hidden: 768, layers: 2, heads: 12, attention: 'ops' },
  { hidden: 256, layers: 4, heads: 4, attention: 'gqa' },
  { hidden: 256, layers: 4, heads: 4, attention: 'ops' },
];
const loadBefore = loadavg()[0];
const [row] = makeTestRows(1, 7);
const rows: Record<string, unknown>[] = [];
let allSame = true;
for (const shape of decoders) {
  const dir = await mkdtemp(join(tmpdir(), 'sn21-decode-bench-'));
  try {
    await writeModelFolder(dir, transformerCaptionModel({ ...shape, neverEos: true, seed: 21 }));
    const model = await loadCaptionModel(checkModelFolder(dir), { device, threads });
    const run = async (useCache: boolean) => {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const c = await greedyCaption(model, row!.embedding, { maxNewTokens: TOKENS, useCache });
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, ids: c.ids };
    };
    await run(true); // warm-up
    // Interleaved, so both modes see the same background load on a shared box.
    const cached = [];
    const recomputes = [];
    for (let i = 0; i < ROUNDS; i++) {
      cached.push(await run(true), await run(true));
      recomputes.push(await run(false));
    }
    const sameTokens = recomputes.every((r) => r.ids.join() === cached[0]!.ids.join());
    allSame &&= sameTokens;
    const cachedMs = median(cached.map((c) => c.ms));
    const cachedCpuMs = median(cached.map((c) => c.cpuMs));
    const recomputed = {
      ms: median(recomputes.map((r) => r.ms)),
      cpuMs: median(recomputes.map((r) => r.cpuMs)),
    };
    await model.release();
    rows.push({
      decoder: `${shape.attention} ${shape.layers}×${shape.hidden}`,
      cachedMs: Math.round(cachedMs),
      recomputeMs: Math.round(recomputed.ms),
      cachedTokensPerS: Math.round((TOKENS / cachedMs) * 1000),
      recomputeTokensPerS: Math.round((TOKENS / recomputed.ms) * 10_000) / 10,
      speedup: Math.round((recomputed.ms / cachedMs) * 10) / 10,
      cachedCpuMs: Math.round(cachedCpuMs),
      recomputeCpuMs: Math.round(recomputed.cpuMs),
      cpuSpeedup: Math.round((recomputed.cpuMs / cachedCpuMs) * 10) / 10,
      sameTokens,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.table(rows);
writeBenchResult('sn21-decode', {
  description: `greedy decode of ${TOKENS} new tokens: KV cache (median of ${2 * ROUNDS}) vs whole-sequence recompute (median of ${ROUNDS}), interleaved; wall and process CPU time`,
  model:
    'random-weight transformer decoders (scripts/models), attention from plain ONNX ops or fused GroupQueryAttention (com.microsoft)',
  device,
  threads,
  target: 'speedup >= 5',
  loadAverage1m: { before: loadBefore, after: loadavg()[0] },
  result: rows,
});
if (!allSame) throw new Error('cache and recompute produced different tokens');
