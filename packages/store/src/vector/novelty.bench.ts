// Novelty look-ups against the embedded exact index at SN24 scale: 100k stored 1,024-d video
// embeddings, top-1 cosine per query (what a validator asks for each of a miner's 8 clips).
// Knobs: BENCH_VECTORS (100000), BENCH_QUERIES (60), BENCH_PERSIST (1: also time log replay).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantile, writeBenchResult } from '@taonode/bench';
import { openExactIndex } from './exactIndex.js';

const N = Number(process.env.BENCH_VECTORS ?? 100_000);
const Q = Number(process.env.BENCH_QUERIES ?? 60);
const PERSIST = (process.env.BENCH_PERSIST ?? '1') === '1';
const DIM = 1024;

// Deterministic xorshift32 so runs compare; values uniform in [-1, 1).
let seed = 0x9e3779b9;
const rand = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 31 - 1;
};
const randomVector = () => {
  const v = new Float32Array(DIM);
  for (let i = 0; i < DIM; i++) v[i] = rand();
  return v;
};

const ms = (x: number) => Math.round(x * 100) / 100;
const cpuUs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return d.user + d.system;
};
const load = loadavg()[0];

const dir = await mkdtemp(join(tmpdir(), 'taonode-novelty-bench-'));
try {
  const file = join(dir, 'video.vlog');
  const index = await openExactIndex({ dimension: DIM, ...(PERSIST ? { file, sync: false } : {}) });
  const kept: { id: string; values: Float32Array }[] = [];
  let t = 0;
  let ingestMs = 0;
  let ingestCpuUs = 0;
  for (let b = 0; b < N; b += 1000) {
    const batch = Array.from({ length: Math.min(1000, N - b) }, (_, i) => {
      const values = randomVector();
      const id = `vid${b + i}`;
      if ((b + i) % Math.floor(N / (Q / 2)) === 0) kept.push({ id, values });
      return { id, values };
    });
    t = performance.now();
    const c = process.cpuUsage();
    await index.upsert(batch);
    ingestCpuUs += cpuUs(c);
    ingestMs += performance.now() - t;
  }
  const ingestS = ingestMs / 1000;

  // Half near-duplicates of stored vectors (uniform noise of half their scale: cos ≈ 0.89), half random.
  const queries: { v: Float32Array; expect?: string }[] = [];
  for (const base of kept.slice(0, Q / 2)) {
    queries.push({ v: base.values.map((x) => x + 0.5 * rand()), expect: base.id });
  }
  while (queries.length < Q) queries.push({ v: randomVector() });

  const lat: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  let near = 0;
  const novelty: number[] = [];
  for (const q of queries) {
    t = performance.now();
    const c = process.cpuUsage();
    const [best] = await index.query(q.v, { topK: 1 });
    cpu.push(cpuUs(c) / 1000);
    lat.push(performance.now() - t);
    novelty.push(1 - best!.score);
    if (q.expect !== undefined) {
      near++;
      if (best!.id === q.expect) hits++;
    }
  }
  // A validator's real call: one miner's 8 clips in one scan.
  const batchLat: number[] = [];
  const batchCpu: number[] = [];
  for (let b = 0; b + 8 <= queries.length; b += 8) {
    t = performance.now();
    const c = process.cpuUsage();
    const res = await index.queryMany(
      queries.slice(b, b + 8).map((q) => q.v),
      { topK: 1 },
    );
    batchCpu.push(cpuUs(c) / 1000);
    batchLat.push(performance.now() - t);
    res.forEach(([best], i) => {
      const want = queries[b + i]!.expect;
      if (want !== undefined && best!.id !== want) throw new Error('queryMany disagrees with query');
    });
  }
  const rss = process.memoryUsage().rss;
  await index.close();

  let replayS: number | undefined;
  let logBytes: number | undefined;
  if (PERSIST) {
    logBytes = (await stat(file)).size;
    t = performance.now();
    const again = await openExactIndex({ dimension: DIM, file });
    replayS = (performance.now() - t) / 1000;
    if ((await again.count()) !== N) throw new Error('replay lost records');
    await again.close();
  }

  writeBenchResult('store-novelty', {
    what: 'embedded exact cosine index (Float32Array scan), top-1 novelty queries',
    vectors: N,
    dimension: DIM,
    queries: Q,
    loadAverageAtStart: ms(load),
    ingest: {
      seconds: ms(ingestS),
      vectorsPerSecond: Math.round(N / ingestS),
      vectorsPerCpuSecond: Math.round(N / (ingestCpuUs / 1e6)),
      fsyncPerBatch: false,
    },
    queryMs: { p50: ms(quantile(lat, 0.5)), p95: ms(quantile(lat, 0.95)), max: ms(Math.max(...lat)) },
    queryCpuMs: { p50: ms(quantile(cpu, 0.5)), p95: ms(quantile(cpu, 0.95)) },
    perResponseMs: {
      eightSeparateQueriesWallP50: ms(8 * quantile(lat, 0.5)),
      eightSeparateQueriesCpuP50: ms(8 * quantile(cpu, 0.5)),
      queryManyOf8WallP50: ms(quantile(batchLat, 0.5)),
      queryManyOf8CpuP50: ms(quantile(batchCpu, 0.5)),
    },
    nearDuplicateTop1: `${hits}/${near}`,
    noveltyRange: {
      nearDuplicates: ms(Math.max(...novelty.slice(0, near))),
      random: ms(Math.min(...novelty.slice(near))),
    },
    rssMiB: Math.round(rss / 2 ** 20),
    ...(PERSIST ? { logMiB: Math.round(logBytes! / 2 ** 20), replaySeconds: ms(replayS!) } : {}),
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
