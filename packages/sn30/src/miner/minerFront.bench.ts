// SN30 miner front: Generate calls per second the axon + handlers + pool dispatch + result store
// sustain with a no-op generator (no model time), and the latency percentiles. The miner runs in
// its own process; this process drives it with a closed loop of `BENCH_CONCURRENCY` callers for
// `BENCH_SECONDS`, each call a fresh signed Generate (64×64, 6 steps: frames of 6 kB, so the store
// never fills). Both processes share the machine's cores.
//   BENCH_CONCURRENCY=64  BENCH_SECONDS=10
import { quantile, writeBenchResult } from '@taonode/bench';
import { createDendrite } from '@taonode/transport';
import { Keypair } from '@taonode/wallet';
import { sanitizeGenerationInputs } from '../inputs/generationInputs.js';
import { spawnBenchMiner } from '../testing/spawnBenchMiner.js';
import { MinerClient } from '../validator/minerClient.js';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);

const miner = await spawnBenchMiner(2048);
const dendrite = createDendrite({ signer: Keypair.fromUri('//Sn30BenchValidator'), concurrency: 1024 });
const client = new MinerClient(dendrite);
const inputs = sanitizeGenerationInputs(
  { prompt: 'a tao bench', width: 64, height: 64, num_inference_steps: 6, seed: 1 },
  { minSize: 8 },
);

async function drive(durationS: number) {
  const latencies: number[] = [];
  let failed = 0;
  const end = performance.now() + durationS * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      const r = await client.generate(miner.target, { ...inputs, seed: latencies.length }, { timeoutS: 60 });
      if (r.ok) latencies.push(performance.now() - t);
      else failed++;
    }
  };
  const before = await miner.stats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallS = (performance.now() - t0) / 1000;
  const driverCpu = process.cpuUsage(cpu0);
  const after = await miner.stats();
  return {
    latencies,
    failed,
    wallS,
    minerCpuMs: after.cpuMs - before.cpuMs,
    driverCpuMs: (driverCpu.user + driverCpu.system) / 1000,
    rssMb: after.rssMb,
  };
}

try {
  await drive(2); // warm-up
  const r = await drive(seconds);
  const n = r.latencies.length;
  const round = (x: number) => Math.round(x * 100) / 100;
  writeBenchResult('sn30-miner-front', {
    concurrency,
    seconds,
    calls: n,
    failed: r.failed,
    callsPerSecond: round(n / r.wallS),
    p50Ms: round(quantile(r.latencies, 0.5)),
    p99Ms: round(quantile(r.latencies, 0.99)),
    maxMs: round(Math.max(...r.latencies)),
    minerCpuMsPerCall: round(r.minerCpuMs / n),
    driverCpuMsPerCall: round(r.driverCpuMs / n),
    minerRssMb: round(r.rssMb),
    note: 'closed loop; miner and driver (signing every request) share the machine, so calls/s is bounded by both; minerCpuMsPerCall is the miner front cost per Generate',
  });
} finally {
  await dendrite.close();
  await miner.stop();
}
