/**
 * What the dashboard costs a validator step, end to end in the runtime: the same ValidatorLoop
 * (256 uids, 16 sampled per step, SN2-like components, a fake chain, no miners to wait for) run
 * with nobody listening and with a dashboard recording its events (history on disk). Such a step
 * is only its bookkeeping (sampling, scoring update, the atomic state save), so the ratio here is
 * the worst case: a real step also waits seconds on miners. Interleaved rounds even out load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, quantile, writeBenchResult } from '@taonode/bench';
import { openDashboard } from '@taonode/dashboard';
import { pino } from 'pino';
import { MetagraphCache } from '../chainPort/metagraphCache.js';
import type { ChainPort, NeuronMetagraph } from '../chainPort/types.js';
import { loadConfig } from '../config/loadConfig.js';
import { NeuronEventBus } from '../events/neuronEvents.js';
import { createNeuronMetrics } from '../health/neuronMetrics.js';
import type { Reward } from '../scoring/scoringStrategy.js';
import { ValidatorLoop } from '../validator/validatorLoop.js';
import { recordNeuronEvents } from './recordNeuronEvents.js';

const UIDS = 256;
const SAMPLE = 16;
const STEPS_PER_ROUND = 100;
const ROUNDS = 6;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'dash-step-bench-'));
  dirs.push(d);
  return d;
};

const mg: NeuronMetagraph = {
  netuid: 2,
  block: 100,
  hotkeys: Array.from({ length: UIDS }, (_, i) => (i === 0 ? 'val' : `5Miner${String(i).padStart(42, '0')}`)),
  stake: Array.from({ length: UIDS }, (_, i) => (i === 0 ? 1e6 : 1)),
  validatorPermit: Array.from({ length: UIDS }, (_, i) => i === 0),
  axons: Array.from({ length: UIDS }, (_, i) => ({
    ip: '127.0.0.2',
    port: 1000 + i,
    ipType: 4,
    version: 1,
    hotkey: '',
  })),
  lastUpdate: Array.from({ length: UIDS }, () => 100),
  tempo: 360,
  weightsRateLimit: 100,
  commitRevealEnabled: false,
  weightsVersion: 0,
};
const chain: ChainPort = {
  subscribeBlocks: async () => () => {},
  blockNumber: async () => 100,
  metagraph: async () => mg,
  serveAxon: async () => 'unchanged',
  submitWeights: async () => ({ kind: 'skipped', reason: 'bench' }),
  isConnected: () => true,
  close: async () => {},
};

async function makeLoop(withDashboard: boolean) {
  const r = loadConfig({
    role: 'validator',
    argv: [
      '--netuid',
      '2',
      '--neuron.state_dir',
      tmp(),
      '--neuron.disable_set_weights',
      '--neuron.sample_size',
      String(SAMPLE),
    ],
    env: {},
  });
  if (r.kind !== 'config') throw new Error('config');
  const logger = pino({ level: 'silent' });
  const events = new NeuronEventBus();
  const cache = new MetagraphCache(() => chain.metagraph(2), 1_000_000, logger);
  await cache.refresh();
  let close = async () => {};
  if (withDashboard) {
    const dashboard = await openDashboard({ role: 'validator', dir: tmp(), host: '127.0.0.1' });
    const off = recordNeuronEvents(events, dashboard.recorder, {
      role: 'validator',
      subnet: 'sn2',
      netuid: 2,
      version: 'bench',
    });
    close = async () => {
      off();
      await dashboard.close();
    };
  }
  let n = 0;
  const loop = new ValidatorLoop<string>({
    config: r.config,
    hotkey: 'val',
    versionKey: 1,
    chain,
    cache,
    dendrite: 'd',
    logger,
    metrics: createNeuronMetrics({ role: 'validator', netuid: 2 }),
    signal: new AbortController().signal,
    events,
    hooks: {
      forward: async (ctx) => ctx.miners.map((m) => m.uid),
      score: (uids: number[]): Reward[] =>
        uids.map((uid) => {
          n++;
          const verified = n % 5 !== 0;
          return {
            uid,
            reward: verified ? 0.5 + (n % 7) / 20 : 0,
            components: { verified, responseTime: 1 + (n % 11) / 10, proofSize: 700 + (n % 300) },
          };
        }),
    },
  });
  await loop.resume();
  return { loop, close };
}

const plain = await makeLoop(false);
const recorded = await makeLoop(true);
const times = { plain: [] as number[], recorded: [] as number[] };
const cpu = { plain: 0, recorded: 0 };
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, x] of [
    ['plain', plain],
    ['recorded', recorded],
  ] as const) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < STEPS_PER_ROUND; i++) {
      const t0 = performance.now();
      await x.loop.step();
      times[name].push(performance.now() - t0);
    }
    const c = process.cpuUsage(c0);
    cpu[name] += (c.user + c.system) / 1000;
  }
}
await plain.close();
await recorded.close();
for (const d of dirs) rmSync(d, { recursive: true, force: true });

const steps = ROUNDS * STEPS_PER_ROUND;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const result = {
  uids: UIDS,
  sampledPerStep: SAMPLE,
  steps,
  stepMsMedian: { plain: r3(median(times.plain)), recorded: r3(median(times.recorded)) },
  stepMsP90: { plain: r3(quantile(times.plain, 0.9)), recorded: r3(quantile(times.recorded, 0.9)) },
  cpuMsPerStep: { plain: r3(cpu.plain / steps), recorded: r3(cpu.recorded / steps) },
  /** Added CPU per step over a bookkeeping-only step: the worst case (no miner to wait for). */
  overheadCpuPercent: Math.round(((cpu.recorded - cpu.plain) / cpu.plain) * 1000) / 10,
  /** The same added CPU against a 1 s step (any step that queries miners takes longer). */
  overheadPercentOf1sStep: r3(((cpu.recorded - cpu.plain) / steps / 1000) * 100),
  loadavg1m: Math.round(loadavg()[0]! * 10) / 10,
};
writeBenchResult('neuron-dashboard-step', result);
