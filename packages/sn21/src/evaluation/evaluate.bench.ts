// One model's evaluation on 64 rows with the tiny models on CPU, through the validator's real path
// (local hub server → bounded model cache → contract check → ONNX Runtime → ImageBind text), with
// the model cache filled to its limit first; reports wall time and peak RSS. Writes
// bench/results/sn21-evaluate.json.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchResult } from '@taonode/bench';
import { buildModelCommitment } from '../commitment/modelCommitment.js';
import { hashModelFolder } from '../hub/contentHash.js';
import { uploadModelFolder } from '../hub/hubUpload.js';
import { ModelCache } from '../hub/modelCache.js';
import { ensureTinySn21Models, loadTinyImageBindText, startFakeModelHub } from '../testing/index.js';
import { referenceEmbeddings } from './evaluateCaptions.js';
import { evaluateCommitment } from './evaluateModel.js';

const token = 'hf_bench';
const T0 = Date.parse('2026-01-01T00:00:00Z');
const MODELS = 6;
const loadBefore = loadavg()[0];
const rssBefore = process.memoryUsage().rss;
const tiny = await ensureTinySn21Models();
const text = await loadTinyImageBindText();
const hub = await startFakeModelHub({ token, now: () => new Date(T0) });
const work = await mkdtemp(join(tmpdir(), 'sn21-eval-bench-'));
try {
  const modelBytes = (await hashModelFolder(tiny.dirs.good)).files.reduce((a, f) => a + f.bytes, 0);
  const cache = await ModelCache.open({ dir: join(work, 'cache'), maxBytes: MODELS * modelBytes });
  const hotkey = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  const commitments = [];
  for (let i = 0; i < MODELS; i++) {
    const dir = join(work, `m${i}`);
    await cp(i % 2 === 0 ? tiny.dirs.good : tiny.dirs.noise, dir, { recursive: true });
    await writeFile(join(dir, 'hotkey.txt'), hotkey);
    const paths = [...(await hashModelFolder(dir)).files.map((f) => f.path), 'hotkey.txt'];
    const sha = await uploadModelFolder(
      { hubUrl: hub.url, accessToken: token },
      { repo: `miner${i}/m`, dir, paths, title: 'm' },
    );
    commitments.push(buildModelCommitment({ repo: `miner${i}/m`, commit: sha, competition: 'o1' }));
  }
  const rows = tiny.rows
    .slice(0, 64)
    .map((r) => ({ id: r.videoId, description: r.description, embedding: r.embedding }));
  let t = performance.now();
  const round = { seed: 'bench', rows, references: await referenceEmbeddings(text, rows), files: [] };
  const referencesMs = performance.now() - t;
  const options = { text, timeLimitMs: 600_000, session: { device: 'cpu' as const, threads: 1 } };
  const timings: {
    model: string;
    kind: string;
    wallMs: number;
    score: number;
    tokens: number;
    cached: boolean;
  }[] = [];
  for (const [i, commitment] of commitments.entries()) {
    t = performance.now();
    const outcome = await evaluateCommitment(
      { hub: { hubUrl: hub.url }, cache, commitment, hotkey, commitTimeMs: T0 + 60_000 },
      round,
      options,
    );
    if (outcome.kind !== 'scored') throw outcome.error;
    timings.push({
      model: `miner${i}/m`,
      kind: i % 2 === 0 ? 'good' : 'noise',
      wallMs: Math.round(performance.now() - t),
      score: Math.round(outcome.score * 1000) / 1000,
      tokens: outcome.evaluation.tokens,
      cached: false,
    });
  }
  // Again, every model from the full cache (no download).
  t = performance.now();
  const again = await evaluateCommitment(
    { hub: { hubUrl: hub.url }, cache, commitment: commitments[0]!, hotkey, commitTimeMs: T0 + 60_000 },
    round,
    options,
  );
  const cachedMs = performance.now() - t;
  if (again.kind !== 'scored') throw again.error;
  console.table(timings);
  const rss = process.resourceUsage().maxRSS * 1024;
  writeBenchResult('sn21-evaluate', {
    description:
      'evaluation of one model on 64 rows (fetch at revision from a local hub, contract check, greedy captions, ImageBind text cosine), tiny models, CPU, 1 thread',
    note: 'tiny stand-in models: the figures measure the pipeline overhead, not an 8B decoder',
    loadAverage1m: { before: loadBefore, after: loadavg()[0] },
    rows: 64,
    referenceEmbeddingsMs: Math.round(referencesMs),
    evaluations: timings,
    evaluationFromCacheMs: Math.round(cachedMs),
    cache: { models: cache.keys().length, bytes: cache.totalBytes, maxBytes: cache.maxBytes },
    rss: { beforeMiB: Math.round(rssBefore / 2 ** 20), peakMiB: Math.round(rss / 2 ** 20) },
  });
} finally {
  await text.release();
  await hub.close();
  await rm(work, { recursive: true, force: true });
}
