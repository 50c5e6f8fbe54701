// Axon requests/s with full signature verification vs the raw WASM sr25519Verify rate, in one run.
// The axon runs in its own process (autocannon here is the load generator). Each configuration is
// measured in rounds: the raw verify rate inside the axon process, then a share of the load, so
// the ratio compares like with like even while the machine's load drifts. CPU time (user+system,
// all threads of the axon process) is the measure, not wall time: the machine is shared.
// A bare fastify route with the same reply size gives the HTTP floor of this machine.
// Requests are pre-signed, each with its own uuid (autocannon has no per-connection state to keep
// a lane's nonces in order), so each one is fresh, fully verified, and a new nonce-window entry.
// Each process first serves an unmeasured warm-up share (JIT tiering: the first few thousand requests
// cost up to 2x the steady state, compile threads included), and the raw verify rate is
// measured before and after every round (the machine's speed drifts within seconds).
//   BENCH_CONFIGS=0,1,2,2auto  BENCH_REQUESTS=6000  BENCH_WARMUP=3000  BENCH_CONNECTIONS=10
//   BENCH_ROUNDS=5
import { availableParallelism } from 'node:os';
import { sr25519Verify as jsVerify } from '@polkadot/util-crypto';
import { waitReady, sr25519Verify as wasmVerify } from '@polkadot/wasm-crypto';
import { median, writeBenchResult } from '@taonode/bench';
import { Keypair } from '@taonode/wallet';
import autocannon from 'autocannon';
import { dendriteSignatureMessage } from '../codec/signatureMessage.js';
import { signedDummyRequest } from '../testing/fixtures.js';
import { type CpuSplit, spawnBenchAxons } from '../testing/spawnBenchAxons.js';

const configs = (process.env.BENCH_CONFIGS ?? '0,1,2,2auto').split(',');
const amount = Number(process.env.BENCH_REQUESTS ?? 6000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 3000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');
const r3 = (x: number) => Number(x.toFixed(3));

/** Wall-clock rate of the pure-JS fallback, for the record (util-crypto 14 without WASM). */
function jsVerifyPerSec(): number {
  const message = new TextEncoder().encode(
    dendriteSignatureMessage({
      nonce: 1_763_000_000_000_000_000n,
      dendriteHotkey: bob.ss58Address,
      axonHotkey: alice.ss58Address,
      uuid: '5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a',
      bodyHash: 'b103dc8a5244fd6548f7c0de617ee66d25f79007a993bc15c6ea11d8390e6279',
    }),
  );
  const sig = bob.sign(message);
  if (!wasmVerify(sig, message, bob.publicKey)) throw new Error('signature does not verify');
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    jsVerify(message, sig, bob.publicKey);
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

interface Request {
  headers: Record<string, string>;
  body: string;
}

function diff(a: CpuSplit, b: CpuSplit) {
  return {
    cpuS: b.cpuS - a.cpuS,
    systemS: b.systemS - a.systemS,
    inlineVerifies: b.inlineVerifies - a.inlineVerifies,
    inlineVerifyCpuS: b.inlineVerifyCpuS - a.inlineVerifyCpuS,
    mainThreadS: a.mainThreadS === null || b.mainThreadS === null ? null : b.mainThreadS - a.mainThreadS,
  };
}

async function loadRun(config: string, run: number, floor = false) {
  const workers = floor ? 0 : Number.parseInt(config, 10);
  const offload = !config.endsWith('auto');
  const server = await spawnBenchAxons({ count: 1, workers, offload, floor });
  const { port } = server.axons[0]!;
  const signed: Request[] = Array.from({ length: warmup + amount + connections * 4 }, (_, i) =>
    signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address, uuid: `run${run}-${i}`, timeout: 600 }),
  );
  let next = 0;
  const load = (count: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      amount: count,
      requests: [
        {
          method: 'POST',
          path: '/Dummy',
          setupRequest: (req: Record<string, unknown>) => {
            const s = signed[next++ % signed.length]!;
            return { ...req, headers: s.headers, body: s.body };
          },
        },
      ],
    });
  const perRound = Math.ceil(amount / rounds);
  const out = {
    requests: 0,
    ok: 0,
    non2xx: 0,
    durationS: 0,
    cpuS: 0,
    systemS: 0,
    mainS: 0,
    inlineVerifies: 0,
    inlineVerifyCpuS: 0,
  };
  const ratios: number[] = [];
  const verifyRates: number[] = [];
  const latency: { p50: number[]; p99: number[] } = { p50: [], p99: [] };
  try {
    if (warmup > 0) {
      const w = await load(warmup);
      if (w.non2xx > 0) throw new Error(`warm-up got ${w.non2xx} non-2xx answers`);
    }
    let rateBefore = await server.rawVerifyPerCpuSec();
    for (let r = 0; r < rounds; r++) {
      const before = await server.cpuSplit();
      const result = await load(perRound);
      const used = diff(before, await server.cpuSplit());
      const rateAfter = await server.rawVerifyPerCpuSec();
      const verifyPerCpuSec = (rateBefore + rateAfter) / 2;
      rateBefore = rateAfter;
      verifyRates.push(verifyPerCpuSec);
      out.requests += result.requests.total;
      out.ok += result['2xx'];
      out.non2xx += result.non2xx;
      out.durationS += result.duration;
      out.cpuS += used.cpuS;
      out.systemS += used.systemS;
      out.mainS += used.mainThreadS ?? Number.NaN;
      out.inlineVerifies += used.inlineVerifies;
      out.inlineVerifyCpuS += used.inlineVerifyCpuS;
      latency.p50.push(result.latency.p50);
      latency.p99.push(result.latency.p99);
      ratios.push(result.requests.total / used.cpuS / verifyPerCpuSec);
    }
  } finally {
    await server.stop();
  }
  const perReqMs = (s: number) => r3((s / out.requests) * 1000);
  return {
    config: floor ? 'httpFloor' : config,
    verifyWorkers: workers,
    offload: floor ? null : workers === 0 ? 'none' : offload ? 'always' : 'auto',
    requests: out.requests,
    ok2xx: out.ok,
    non2xx: out.non2xx,
    reqPerSec: Math.round(out.ok / out.durationS),
    latencyP50Ms: median(latency.p50),
    latencyP99Ms: median(latency.p99),
    axonCpuMsPerRequest: perReqMs(out.cpuS),
    axonSystemCpuMsPerRequest: perReqMs(out.systemS),
    mainThreadCpuMsPerRequest: Number.isNaN(out.mainS) ? null : perReqMs(out.mainS),
    // Verify as it runs inside requests (inline batches only), per inline-verified request.
    inlineVerifyCpuMs: out.inlineVerifies > 0 ? r3((out.inlineVerifyCpuS / out.inlineVerifies) * 1000) : null,
    inlineVerifiedShare: r3(out.inlineVerifies / out.requests),
    axonRequestsPerCpuSec: Math.round(out.requests / out.cpuS),
    rawWasmVerifyPerCpuSecInAxon: Math.round(median(verifyRates)),
    cpuRatioToRawWasm: r3(median(ratios)),
    cpuRatioPerRound: ratios.map(r3),
  };
}

await waitReady();
const rawJs = jsVerifyPerSec();
const floor = await loadRun('0', 100, true);
const runs = [];
for (const [i, c] of configs.entries()) runs.push(await loadRun(c, i));
const verifyMs = 1000 / median(runs.map((r) => r.rawWasmVerifyPerCpuSecInAxon));
const floorMs = floor.axonCpuMsPerRequest;
writeBenchResult('transport-axon-throughput', {
  cores: availableParallelism(),
  connections,
  requestsPerRun: amount,
  warmupRequests: warmup,
  rounds,
  goal: 'cpuRatioToRawWasm >= 0.8 (axon requests per CPU-second / raw WASM verifies per CPU-second)',
  rawWasmVerifyCpuMs: r3(verifyMs),
  rawJsSr25519VerifyPerSec: Math.round(rawJs),
  httpFloorCpuMsPerRequest: floorMs,
  ceilingRatioWithHttpFloor: r3(verifyMs / (verifyMs + floorMs)),
  runs: runs.map((r) => {
    const rawMs = 1000 / r.rawWasmVerifyPerCpuSecInAxon;
    return {
      ...r,
      rawWasmVerifyCpuMs: r3(rawMs),
      overheadAboveVerifyAndFloorMs: r3(r.axonCpuMsPerRequest - rawMs - floorMs),
      // Inline runs: what a verify costs inside the request flow above the raw loop's, and the CPU
      // per request that is not verification at all (HTTP, fastify, our pipeline, GC, JIT).
      inRequestVerifyPenaltyMs: r.inlineVerifyCpuMs === null ? null : r3(r.inlineVerifyCpuMs - rawMs),
      nonVerifyCpuMs:
        r.inlineVerifyCpuMs === null || r.inlineVerifiedShare < 0.99
          ? null
          : r3(r.axonCpuMsPerRequest - r.inlineVerifyCpuMs),
      mainThreadBoundReqPerSec:
        r.verifyWorkers > 0 && r.mainThreadCpuMsPerRequest
          ? Math.round(1000 / r.mainThreadCpuMsPerRequest)
          : null,
    };
  }),
  httpFloor: floor,
  note:
    'CPU-time based: the machine is shared, so wall-clock req/s (reqPerSec) mostly shows other load. ' +
    'cpuRatioToRawWasm = axon requests per CPU-second (all its threads, user+system) / raw ' +
    'sr25519Verify calls per CPU-second measured inside the same axon process before and after each ' +
    'round (their mean; median over rounds), after an unmeasured warm-up. inlineVerifyCpuMs = CPU ' +
    'of the inline verify batches per request (verify as it runs between HTTP work). ' +
    'httpFloorCpuMsPerRequest = a bare fastify route with the same ' +
    'reply size and no synapse work; ceilingRatioWithHttpFloor = the best ratio any fastify axon ' +
    'could reach here. mainThreadBoundReqPerSec = with verification on workers, the event-loop ' +
    'CPU per request caps one axon process at this rate however many cores verify.',
});
