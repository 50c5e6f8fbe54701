// Validator overhead of one SN30 stress test with 256 requests in flight, model time excluded:
// the miner (own process) answers Generate at once from a no-op generator with production-size
// frames (1024², 30 steps, 7.86 MB), the audit's replay is a stub. What is left is the validator's
// own work: signing and sending 4+8+…+256 = 508 Generate calls, the audit downloads (max(1, 6.25 %)
// = 31 × 7.86 MB, streamed into one buffer each, hashed), the Deletes, the bookkeeping.
//   BENCH_ROUNDS=3 (after one warm-up)  BENCH_MAX_CONCURRENCY=256
import { median, writeBenchResult } from '@taonode/bench';
import { createDendrite } from '@taonode/transport';
import { Keypair } from '@taonode/wallet';
import type { GenerationInputs } from '../inputs/generationInputs.js';
import { spawnBenchMiner } from '../testing/spawnBenchMiner.js';
import { MinerClient } from './minerClient.js';
import type { AuditVerdict, OutputScorer } from './outputScorer.js';
import { DEFAULT_REQUEST_SHAPE } from './stressInputs.js';
import { newStressTest, runStressTest } from './stressTest.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const maxConcurrency = Number(process.env.BENCH_MAX_CONCURRENCY ?? 256);

class StubScorer implements OutputScorer {
  calls = 0;
  async score(_inputs: GenerationInputs, _frames: Uint8Array): Promise<AuditVerdict> {
    this.calls++;
    return { passed: true, minModelCosine: 1, steps: [] };
  }
}

const miner = await spawnBenchMiner(8192);
const dendrite = createDendrite({ signer: Keypair.fromUri('//Sn30BenchValidator'), concurrency: 1024 });
const client = new MinerClient(dendrite);
const config = { startConcurrency: 4, maxConcurrency, maxRequests: 4 * maxConcurrency, maxSeconds: 1e9 };

async function once() {
  const scorer = new StubScorer();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  const baseRss = process.memoryUsage().rss;
  const minerBefore = await miner.stats();
  let roundsCpu: NodeJS.CpuUsage | undefined;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await runStressTest(
    newStressTest({ uid: 0, hotkey: miner.target.hotkey }, DEFAULT_REQUEST_SHAPE, config),
    {
      link: client.link(miner.target, { generateTimeoutS: 120, downloadTimeoutS: 120 }),
      scorer,
      shape: DEFAULT_REQUEST_SHAPE,
      config,
      checkpoint: (p) => {
        if (p.phase === 'audit' && roundsCpu === undefined) roundsCpu = process.cpuUsage(cpu0);
      },
    },
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const minerAfter = await miner.stats();
  if (out.kind !== 'measured') throw new Error(`stress test ${out.kind}`);
  const requests = out.rounds.reduce((s, r) => s + r.count, 0);
  const ms = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
  return {
    requests,
    lastRound: out.count,
    audited: out.audited,
    wallMs,
    cpuMs: ms(cpu),
    roundsCpuMs: roundsCpu ? ms(roundsCpu) : Number.NaN,
    auditCpuMs: roundsCpu ? ms(cpu) - ms(roundsCpu) : Number.NaN,
    rssPeakOverBaseMb: (peakRss - baseRss) / 2 ** 20,
    rssPeakMb: peakRss / 2 ** 20,
    minerCpuMs: minerAfter.cpuMs - minerBefore.cpuMs,
  };
}

try {
  await once(); // warm-up: JIT, keep-alive connections
  const runs = [];
  for (let i = 0; i < rounds; i++) {
    runs.push(await once());
    // Let the deletes of the last run land before the next starts.
    await new Promise((r) => setTimeout(r, 500));
  }
  const m = (k: keyof (typeof runs)[number]) => Math.round(median(runs.map((r) => r[k] as number)) * 10) / 10;
  writeBenchResult('sn30-validator-stress-overhead', {
    shape: '1024x1024, 30 steps, F32 frames (7.86 MB)',
    rounds: `4 → ${maxConcurrency} (doubling), ${runs[0]!.requests} Generate calls`,
    audited: runs[0]!.audited,
    runs: rounds,
    medianCpuMs: m('cpuMs'),
    medianRoundsCpuMs: m('roundsCpuMs'),
    medianAuditCpuMs: m('auditCpuMs'),
    medianWallMs: m('wallMs'),
    cpuMsPerGenerate: Math.round((m('roundsCpuMs') / runs[0]!.requests) * 1000) / 1000,
    medianRssPeakOverBaseMb: m('rssPeakOverBaseMb'),
    medianRssPeakMb: m('rssPeakMb'),
    medianMinerCpuMs: m('minerCpuMs'),
    allRuns: runs,
    note: 'CPU of the validator process (all threads) for one whole test; replay (model time) stubbed; the miner runs in its own process with a no-op generator.',
  });
} finally {
  await dendrite.close();
  await miner.stop();
}
