// Session load and batched throughput of the tiny ImageBind stand-ins on this machine (CPU unless
// TAONODE_BENCH_DEVICE says otherwise). Writes bench/results/inference-tiny-imagebind.json.
import { loadavg } from 'node:os';
import { median, writeBenchResult } from '@taonode/bench';
import { createSession } from './createSession.js';
import type { Device } from './device.js';
import { runBatched } from './runBatched.js';
import { ensureTinyImageBind } from './testing/index.js';

const device = (process.env.TAONODE_BENCH_DEVICE ?? 'cpu') as Device;
const round = (x: number) => Math.round(x * 100) / 100;
const loadBefore = loadavg()[0];
const models = await ensureTinyImageBind();

const cases = [
  { model: 'vision', path: models.vision, row: [3, 2, 224, 224], batches: [1, 15] },
  { model: 'audio', path: models.audio, row: [1, 128, 204], batches: [1, 3] },
  { model: 'text', path: models.text, row: [77], batches: [1, 16] },
] as const;

const results: Record<string, unknown>[] = [];
for (const c of cases) {
  const t0 = performance.now();
  const session = await createSession(c.path, { device });
  const loadMs = performance.now() - t0;
  const rowSize = c.row.reduce<number>((a, b) => a * b, 1);
  for (const n of c.batches) {
    const input =
      c.model === 'text'
        ? new BigInt64Array(n * rowSize).fill(320n)
        : new Float32Array(n * rowSize).fill(0.1);
    const times: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      await runBatched(session, input, [n, ...c.row], { batchSize: n });
      times.push(performance.now() - t);
    }
    const ms = median(times.slice(2));
    results.push({
      model: c.model,
      device: session.device,
      batch: n,
      loadMs: round(loadMs),
      runMs: round(ms),
      rowsPerS: Math.round((n / ms) * 1000),
    });
  }
  await session.release();
}
console.table(results);
writeBenchResult('inference-tiny-imagebind', {
  description:
    'tiny ImageBind stand-ins (scripts/models): session load and one batched run, median of 5 after 2 warm-ups',
  note: 'random-weight stand-ins with the real input/output contracts; not ImageBind-huge timings',
  loadAverage1m: { before: loadBefore, after: loadavg()[0] },
  results,
});
