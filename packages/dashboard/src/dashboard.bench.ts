/**
 * Dashboard costs for a validator of 256 miners with 7 days of history (a step every 12 s sampling
 * 16 miners, weights every 72 min): recorder cost per step on the hot path and of the off-path
 * flush, history bytes on disk, replay time at start, and each page JSON's response time and size
 * over real HTTP. The reference step is the one thing every validator step does besides querying
 * miners: persisting its scores atomically (temp file + fsync + rename of the 256-uid state).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { median, quantile, writeBenchResult } from '@taonode/bench';
import { historyView, minersView, overviewView, weightsListView } from './api/views.js';
import type { ValidatorStepEvent } from './events.js';
import { safeJson } from './http/securityHeaders.js';
import { openDashboard } from './index.js';
import type { Recorder } from './recorder.js';
import { seededRandom, syntheticValidator } from './testing/syntheticData.js';

const MINERS = 256;
const DAYS = 7;
const STEP_MS = 12_000;
const SAMPLE = 16;
const TEMPO_MS = 72 * 60_000;
const dir = mkdtempSync(join(tmpdir(), 'dash-bench-'));
const now = Date.now();
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

// ---- fill 7 days, timing the recorder's hot-path call and the flush separately ----
const dashboard = await openDashboard({
  role: 'validator',
  dir,
  host: '127.0.0.1',
  maxBytes: 512 * 2 ** 20,
  flushIntervalMs: 3_600_000,
});
const rec = dashboard.recorder;
rec.identity({ role: 'validator', subnet: 'sn2', netuid: 2, hotkey: '5BenchValidator', uid: 0, stake: 1000 });
const world = syntheticValidator({ miners: MINERS });
const rand = seededRandom(9);
const stepNs: number[] = [];
let flushMs = 0;
let steps = 0;
let nextWeights = now - DAYS * 86_400_000 + TEMPO_MS;
const chunk: ValidatorStepEvent[] = [];
// Capture the synthetic world's events so that only the recorder is timed.
const capture = {
  identity() {},
  validatorStep: (e: ValidatorStepEvent) => chunk.push(e),
  weightsSet: (e: Parameters<typeof rec.weightsSet>[0]) => rec.weightsSet(e),
  minerRequest() {},
  figures() {},
};
for (let t = now - DAYS * 86_400_000; t <= now; t += STEP_MS) {
  world.stepAt(capture, t, SAMPLE);
  const e = chunk.pop()!;
  const t0 = process.hrtime.bigint();
  rec.validatorStep(e);
  stepNs.push(Number(process.hrtime.bigint() - t0));
  steps++;
  if (t >= nextWeights) {
    world.weightsAt(rec, t, Math.floor(t / 12_000));
    nextWeights += TEMPO_MS;
  }
  // A real daemon flushes every 2 s, so about one step per flush; batch 50 here to keep the fill short.
  if (steps % 50 === 0) {
    const f0 = performance.now();
    await dashboard.flush();
    flushMs += performance.now() - f0;
  }
}
await dashboard.flush();
const heapMiB = round(process.memoryUsage().heapUsed / 2 ** 20, 1);

// ---- reference: a validator step's own atomic persist of 256 scores ----
const statePath = join(dir, 'validator-state.json');
const persistMs: number[] = [];
for (let i = 0; i < 30; i++) {
  const state = JSON.stringify({
    version: 1,
    netuid: 2,
    hotkey: '5Bench',
    step: i,
    hotkeys: world.hotkeys,
    scores: world.scores.map(() => rand()),
    lastWeights: null,
    updatedAt: new Date().toISOString(),
  });
  const t0 = performance.now();
  const tmp = `${statePath}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  await fh.writeFile(state);
  await fh.sync();
  await fh.close();
  await rename(tmp, statePath);
  persistMs.push(performance.now() - t0);
}

// ---- page JSON over HTTP: every request recomputed (data changes between requests) ----
const server = createServer((req, res) => {
  if (!dashboard.handler(req, res)) res.writeHead(404).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// What the validator page loads (history 24 h), then the 7-day history as the worst case.
const routes = [
  '/api/v1/overview',
  '/api/v1/miners',
  '/api/v1/history?range=24h&points=240',
  '/api/v1/weights?range=7d&limit=200',
  '/api/v1/history?range=7d&points=240',
];
const page: Record<
  string,
  { medianMs: number; p90Ms: number; bytes: number; gzipBytes: number; buildCpuMs?: number }
> = {};
for (const route of routes) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 15; i++) {
    await new Promise((r) => setTimeout(r, 300)); // past the 250 ms recompute floor
    rec.identity({
      role: 'validator',
      subnet: 'sn2',
      netuid: 2,
      hotkey: '5BenchValidator',
      uid: 0,
      stake: 1000,
      block: i,
    });
    const t0 = performance.now();
    // Plain, as a client without gzip gets it (fetch would ask for gzip and undo it unseen).
    const body = await (
      await fetch(`${base}${route}`, { headers: { 'accept-encoding': 'identity' } })
    ).arrayBuffer();
    times.push(performance.now() - t0);
    bytes = body.byteLength;
  }
  const gzipBytes = gzipSync(
    Buffer.from(
      await (await fetch(`${base}${route}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer(),
    ),
  ).length;
  page[route] = {
    medianMs: round(median(times), 1),
    p90Ms: round(quantile(times, 0.9), 1),
    bytes,
    gzipBytes,
  };
}
// CPU time to build each view (what the daemon's event loop pays), less skewed by a busy machine
// than the wall time above.
const recorder = rec as Recorder;
const viewCtx = () => ({ recorder, now: Date.now(), retentionMs: DAYS * 86_400_000, store: null });
const builders: Record<string, () => unknown> = {
  '/api/v1/overview': () => overviewView(viewCtx()),
  '/api/v1/miners': () => minersView(viewCtx()),
  '/api/v1/history?range=24h&points=240': () => historyView(viewCtx(), { range: '24h', points: 240 }),
  '/api/v1/weights?range=7d&limit=200': () => weightsListView(viewCtx(), { range: '7d', limit: 200 }),
  '/api/v1/history?range=7d&points=240': () => historyView(viewCtx(), { range: '7d', points: 240 }),
};
const cpuMs: Record<string, number> = {};
for (const [route, build] of Object.entries(builders)) {
  const samples: number[] = [];
  for (let i = 0; i < 15; i++) {
    const c0 = process.cpuUsage();
    safeJson(build());
    const c = process.cpuUsage(c0);
    samples.push((c.user + c.system) / 1000);
  }
  cpuMs[route] = round(median(samples), 2);
  page[route] = { ...page[route]!, buildCpuMs: cpuMs[route] } as (typeof page)[string];
}
const pageLoad = routes.slice(0, 4).map((r) => page[r]!);
const pageBytes = pageLoad.reduce((s, p) => s + p.bytes, 0);
const pageGzipBytes = pageLoad.reduce((s, p) => s + p.gzipBytes, 0);
const pageMs = pageLoad.reduce((s, p) => s + p.medianMs, 0);
server.closeAllConnections();
server.close();
const storeBytes =
  (await (await fetch(`${base}/api/v1/overview`).catch(() => null))?.json().catch(() => null)) ?? null;
void storeBytes;
await dashboard.close();

// ---- restart: replay 7 days ----
const reopened = await openDashboard({ role: 'validator', dir, host: '127.0.0.1', maxBytes: 512 * 2 ** 20 });
const replay = await reopened.ready;
await reopened.close();
const { readdirSync, statSync } = await import('node:fs');
const diskBytes = readdirSync(dir)
  .filter((f) => f.startsWith('history-'))
  .reduce((s, f) => s + statSync(join(dir, f)).size, 0);
rmSync(dir, { recursive: true, force: true });

const recordUs = median(stepNs) / 1000;
const flushUsPerStep = (flushMs * 1000) / steps;
const persist = median(persistMs);
writeBenchResult('dashboard', {
  miners: MINERS,
  days: DAYS,
  steps,
  samplePerStep: SAMPLE,
  recorder: {
    perStepMedianUs: round(recordUs, 1),
    perStepP99Us: round(quantile(stepNs, 0.99) / 1000, 1),
    flushPerStepUs: round(flushUsPerStep, 1),
    totalPerStepUs: round(recordUs + flushUsPerStep, 1),
    heapMiBAfter7Days: heapMiB,
  },
  referenceStep: {
    what: 'atomic persist of a 256-uid validator state (temp file, fsync, rename): a lower bound of any validator step',
    medianMs: round(persist, 2),
    recorderShareOfPersistPct: round(((recordUs + flushUsPerStep) / 1000 / persist) * 100, 2),
    recorderShareOf1sStepPct: round(((recordUs + flushUsPerStep) / 1000 / 1000) * 100, 4),
  },
  history: {
    diskBytes,
    diskMiB: round(diskBytes / 2 ** 20, 1),
    replayMs: replay.ms,
    replayLines: replay.lines,
    replaySkipped: replay.skipped,
  },
  pageJson: {
    routes: page,
    pageLoad: {
      bytes: pageBytes,
      gzipBytes: pageGzipBytes,
      medianMs: round(pageMs, 1),
      buildCpuMs: round(
        pageLoad.reduce((sum, p) => sum + (p.buildCpuMs ?? 0), 0),
        2,
      ),
    },
  },
  loadAverage1m: round(loadavg()[0]!, 2),
  goal: 'recorder < 1 % of a step',
});
