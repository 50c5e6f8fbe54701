// Axon requests per CPU-second with full signature verification, against the raw verify rate and
// against the HTTP floor, in one run. The axon runs in its own process (autocannon here is the
// load generator); so does a bare fastify route with the same reply size (the floor). Each
// configuration is measured in rounds, and each round loads the floor and the axon back to back,
// with the raw verify rate measured inside the axon process before and after: so every round has
// its own ceiling (what any fastify axon could reach in that minute) and the ratio to it compares
// like with like even while the shared machine's load drifts. CPU time (user+system, all threads
// of the served process) is the measure, not wall time.
// Requests are pre-signed, each with its own uuid (autocannon has no per-connection state to keep
// a lane's nonces in order), so each one is fresh, fully verified, and a new nonce-window entry.
// Each process first serves an unmeasured warm-up share (JIT tiering: the first few thousand requests
// cost up to 2x the steady state, compile threads included).
//   BENCH_CONFIGS=0,1,2,2auto  BENCH_REQUESTS=6000  BENCH_WARMUP=3000  BENCH_CONNECTIONS=10
//   BENCH_ROUNDS=5  BENCH_SPLIT=1 (also time the inline verify batches: costs CPU itself)
import { availableParallelism, loadavg } from 'node:os';
import { sr25519Verify as jsVerify } from '@polkadot/util-crypto';
import { waitReady, sr25519Verify as wasmVerify } from '@polkadot/wasm-crypto';
import { median, writeBenchResult } from '@taonode/bench';
import { Keypair, verifyBackend } from '@taonode/wallet';
import autocannon from 'autocannon';
import { dendriteSignatureMessage } from '../codec/signatureMessage.js';
import { signedDummyRequest } from '../testing/fixtures.js';
import { type CpuSplit, spawnBenchAxons } from '../testing/spawnBenchAxons.js';

const configs = (process.env.BENCH_CONFIGS ?? '0,1,2,2auto').split(',');
const amount = Number(process.env.BENCH_REQUESTS ?? 6000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 3000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const split = process.env.BENCH_SPLIT === '1';
const SLICES = 3;
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

let signedBatch = 0;
/** A process serving Dummy on 127.0.0.1 and a loader that sends it pre-signed fresh requests. */
async function serve(args: { workers: number; offload: boolean; floor: boolean }) {
  const server = await spawnBenchAxons({ count: 1, ...args, split });
  const { port } = server.axons[0]!;
  const batch = signedBatch++;
  const signed: Request[] = Array.from({ length: warmup + amount + connections * 4 }, (_, i) =>
    signedDummyRequest({
      signer: bob,
      axonHotkey: alice.ss58Address,
      uuid: `run${batch}-${i}`,
      timeout: 600,
    }),
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
  /** One measured share: requests, 2xx, CPU used by the served process. */
  const round = async (count: number) => {
    const before = await server.cpuSplit();
    const result = await load(count);
    return { result, used: diff(before, await server.cpuSplit()) };
  };
  if (warmup > 0) {
    const w = await load(warmup);
    if (w.non2xx > 0) throw new Error(`warm-up got ${w.non2xx} non-2xx answers`);
  }
  return { server, round };
}

type Served = Awaited<ReturnType<typeof serve>>;

async function loadRun(config: string, floor: Served) {
  const workers = Number.parseInt(config, 10);
  const offload = !config.endsWith('auto');
  const axon = await serve({ workers, offload, floor: false });
  const { server } = axon;
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
  const ceilings: number[] = [];
  const toCeiling: number[] = [];
  const floorMs: number[] = [];
  const verifyRates: number[] = [];
  const latency: { p50: number[]; p99: number[] } = { p50: [], p99: [] };
  let wasmCryptoRate = 0;
  try {
    wasmCryptoRate = await server.rawVerifyPerCpuSec('wasm-crypto');
    let rateBefore = await server.rawVerifyPerCpuSec();
    for (let r = 0; r < rounds; r++) {
      // Floor and axon in alternating slices, so both see the same minute of the machine's load.
      const f = { requests: 0, cpuS: 0, non2xx: 0 };
      const a = { requests: 0, ok: 0, non2xx: 0, durationS: 0, p50: [] as number[], p99: [] as number[] };
      const used = {
        cpuS: 0,
        systemS: 0,
        mainThreadS: 0 as number | null,
        inlineVerifies: 0,
        inlineVerifyCpuS: 0,
      };
      for (let slice = 0; slice < SLICES; slice++) {
        const fr = await floor.round(Math.ceil(perRound / SLICES));
        f.requests += fr.result.requests.total;
        f.cpuS += fr.used.cpuS;
        f.non2xx += fr.result.non2xx;
        const ar = await axon.round(Math.ceil(perRound / SLICES));
        a.requests += ar.result.requests.total;
        a.ok += ar.result['2xx'];
        a.non2xx += ar.result.non2xx;
        a.durationS += ar.result.duration;
        a.p50.push(ar.result.latency.p50);
        a.p99.push(ar.result.latency.p99);
        used.cpuS += ar.used.cpuS;
        used.systemS += ar.used.systemS;
        used.mainThreadS =
          used.mainThreadS === null || ar.used.mainThreadS === null
            ? null
            : used.mainThreadS + ar.used.mainThreadS;
        used.inlineVerifies += ar.used.inlineVerifies;
        used.inlineVerifyCpuS += ar.used.inlineVerifyCpuS;
      }
      if (f.non2xx > 0) throw new Error(`floor got ${f.non2xx} non-2xx answers`);
      const rateAfter = await server.rawVerifyPerCpuSec();
      const verifyPerCpuSec = (rateBefore + rateAfter) / 2;
      rateBefore = rateAfter;
      verifyRates.push(verifyPerCpuSec);
      out.requests += a.requests;
      out.ok += a.ok;
      out.non2xx += a.non2xx;
      out.durationS += a.durationS;
      out.cpuS += used.cpuS;
      out.systemS += used.systemS;
      out.mainS += used.mainThreadS ?? Number.NaN;
      out.inlineVerifies += used.inlineVerifies;
      out.inlineVerifyCpuS += used.inlineVerifyCpuS;
      latency.p50.push(median(a.p50));
      latency.p99.push(median(a.p99));
      const ratio = a.requests / used.cpuS / verifyPerCpuSec;
      const verifyMs = 1000 / verifyPerCpuSec;
      const fMs = (f.cpuS / f.requests) * 1000;
      const ceiling = verifyMs / (verifyMs + fMs);
      ratios.push(ratio);
      floorMs.push(fMs);
      ceilings.push(ceiling);
      toCeiling.push(ratio / ceiling);
    }
  } finally {
    await server.stop();
  }
  const perReqMs = (s: number) => r3((s / out.requests) * 1000);
  const rawMs = 1000 / median(verifyRates);
  const cpuMs = perReqMs(out.cpuS);
  return {
    config,
    verifyWorkers: workers,
    offload: workers === 0 ? 'none' : offload ? 'always' : 'auto',
    requests: out.requests,
    ok2xx: out.ok,
    non2xx: out.non2xx,
    reqPerSec: Math.round(out.ok / out.durationS),
    latencyP50Ms: median(latency.p50),
    latencyP99Ms: median(latency.p99),
    axonCpuMsPerRequest: cpuMs,
    axonSystemCpuMsPerRequest: perReqMs(out.systemS),
    mainThreadCpuMsPerRequest: Number.isNaN(out.mainS) ? null : perReqMs(out.mainS),
    axonRequestsPerCpuSec: Math.round(out.requests / out.cpuS),
    rawVerifyCpuMs: r3(rawMs),
    rawVerifyPerCpuSecInAxon: Math.round(median(verifyRates)),
    httpFloorCpuMs: r3(median(floorMs)),
    cpuRatioToRawVerify: r3(median(ratios)),
    cpuRatioPerRound: ratios.map(r3),
    ceilingPerRound: ceilings.map(r3),
    ratioToCeiling: r3(median(toCeiling)),
    ratioToCeilingMin: r3(Math.min(...toCeiling)),
    ratioToCeilingMax: r3(Math.max(...toCeiling)),
    ratioToCeilingPerRound: toCeiling.map(r3),
    // CPU per request beyond raw verify + floor (medians of the run).
    overheadAboveVerifyAndFloorMs: r3(cpuMs - rawMs - median(floorMs)),
    // Continuity with runs before the verifier changed: the same requests per CPU-second, in units
    // of @polkadot/wasm-crypto's raw verify rate (measured once per configuration).
    rawWasmCryptoVerifyCpuMs: r3(1000 / wasmCryptoRate),
    cpuRatioToRawWasmCrypto: r3(out.requests / out.cpuS / wasmCryptoRate),
    // Verify as it runs inside requests (inline batches only; BENCH_SPLIT=1), per inline request.
    inlineVerifyCpuMs: out.inlineVerifies > 0 ? r3((out.inlineVerifyCpuS / out.inlineVerifies) * 1000) : null,
    inlineVerifiedShare: split ? r3(out.inlineVerifies / out.requests) : null,
    mainThreadBoundReqPerSec: workers > 0 && out.mainS > 0 ? Math.round(1000 / perReqMs(out.mainS)) : null,
  };
}

await waitReady();
const rawJs = jsVerifyPerSec();
const floor = await serve({ workers: 0, offload: false, floor: true });
const runs = [];
try {
  for (const c of configs) runs.push(await loadRun(c, floor));
} finally {
  await floor.server.stop();
}
const byConfig = Object.fromEntries(
  runs.map((r) => [
    r.config,
    { ratioToCeiling: r.ratioToCeiling, min: r.ratioToCeilingMin, max: r.ratioToCeilingMax },
  ]),
);
writeBenchResult('transport-axon-throughput', {
  cores: availableParallelism(),
  loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  connections,
  requestsPerRun: amount,
  warmupRequests: warmup,
  rounds,
  verifier: verifyBackend(),
  goal: 'ratioToCeiling >= 0.95 in the median of the rounds, inline and with workers',
  ratioToCeiling: byConfig,
  rawJsSr25519VerifyPerSec: Math.round(rawJs),
  runs,
  note:
    'CPU-time based: the machine is shared, so wall-clock req/s (reqPerSec) mostly shows other load. ' +
    'Per round: the floor (a bare fastify route, same reply size, no synapse work) serves a share, ' +
    'then the axon; the raw verify rate of the verifier the axon uses is measured inside the axon ' +
    'process before and after (their mean). cpuRatioToRawVerify = axon requests per CPU-second (all ' +
    'its threads, user+system) / raw verifies per CPU-second. ceiling = verifyMs / (verifyMs + ' +
    'floorMs), the best ratio any fastify axon could reach in that round; ratioToCeiling = ratio / ' +
    'ceiling = (verifyMs + floorMs) / axon CPU ms per request; median, min and max over the rounds. ' +
    "cpuRatioToRawWasmCrypto: the same requests per CPU-second over @polkadot/wasm-crypto's raw " +
    'verify rate (the reference before the verifier changed). mainThreadBoundReqPerSec = with ' +
    'verification on workers, the event-loop CPU per request caps one axon process at this rate ' +
    'however many cores verify.',
});
