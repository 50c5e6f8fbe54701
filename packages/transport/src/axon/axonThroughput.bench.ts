// Axon requests/s with full signature verification vs the raw WASM sr25519Verify rate, in one run.
// The axon runs in its own process (autocannon here is the load generator), inline (0 verify
// workers) and with 1..N worker threads. Requests are pre-signed, each with its own uuid (autocannon
// gives no stable per-connection state to keep a lane's nonces in order), so every request is fresh
// and fully verified, and each one adds a nonce-window entry as a new dendrite would.
//   BENCH_WORKERS=0,1,2  BENCH_REQUESTS=6000  BENCH_CONNECTIONS=10
import { availableParallelism } from 'node:os';
import { sr25519Verify as jsVerify } from '@polkadot/util-crypto';
import { waitReady, sr25519Verify as wasmVerify } from '@polkadot/wasm-crypto';
import { Keypair } from '@taonode/wallet';
import autocannon from 'autocannon';
import { writeBenchResult } from '../../../../scripts/lib/benchResult.js';
import { dendriteSignatureMessage } from '../codec/signatureMessage.js';
import { signedDummyRequest } from '../testing/fixtures.js';
import { spawnBenchAxons } from '../testing/spawnBenchAxons.js';

const workerCounts = (process.env.BENCH_WORKERS ?? '0,1,2').split(',').map(Number);
const amount = Number(process.env.BENCH_REQUESTS ?? 6000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Calls per wall second and per CPU second (the latter holds up when the machine is busy). */
function rate(fn: () => void, seconds: number): { perSec: number; perCpuSec: number } {
  for (let i = 0; i < 50; i++) fn();
  let n = 0;
  const start = performance.now();
  const cpu0 = cpuNow();
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
  }
  return { perSec: n / ((performance.now() - start) / 1000), perCpuSec: n / (cpuNow() - cpu0) };
}

async function rawVerifyRates() {
  await waitReady();
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
  return {
    wasm: rate(() => wasmVerify(sig, message, bob.publicKey), 3),
    js: rate(() => jsVerify(message, sig, bob.publicKey), 1),
  };
}

interface Request {
  headers: Record<string, string>;
  body: string;
}

async function loadRun(workers: number, run: number) {
  const server = await spawnBenchAxons({ count: 1, workers });
  const { port } = server.axons[0]!;
  const signed: Request[] = Array.from({ length: amount + connections * 4 }, (_, i) =>
    signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address, uuid: `run${run}-${i}`, timeout: 600 }),
  );
  let next = 0;
  try {
    const cpu0 = await server.cpuSeconds();
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      amount,
      requests: [
        {
          method: 'POST',
          path: '/Dummy',
          setupRequest: (req: Record<string, unknown>) => {
            const r = signed[next++ % signed.length]!;
            return { ...req, headers: r.headers, body: r.body };
          },
        },
      ],
    });
    const axonCpuS = (await server.cpuSeconds()) - cpu0;
    const ok = result['2xx'];
    return {
      axonCpuMsPerRequest: Number(((axonCpuS / result.requests.total) * 1000).toFixed(3)),
      axonRequestsPerCpuSec: Math.round(result.requests.total / axonCpuS),
      verifyWorkers: workers,
      requests: result.requests.total,
      ok2xx: ok,
      non2xx: result.non2xx,
      durationS: result.duration,
      reqPerSec: Math.round(ok / result.duration),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
    };
  } finally {
    await server.stop();
  }
}

const raw = await rawVerifyRates();
const runs = [];
for (const [i, w] of workerCounts.entries()) runs.push(await loadRun(w, i));
writeBenchResult('transport-axon-throughput', {
  cores: availableParallelism(),
  connections,
  requestsPerRun: amount,
  rawWasmSr25519Verify: { perSec: Math.round(raw.wasm.perSec), perCpuSec: Math.round(raw.wasm.perCpuSec) },
  rawJsSr25519Verify: { perSec: Math.round(raw.js.perSec), perCpuSec: Math.round(raw.js.perCpuSec) },
  runs: runs.map((r) => ({
    ...r,
    wallRatioToRawWasm: Number((r.reqPerSec / raw.wasm.perSec).toFixed(2)),
    cpuRatioToRawWasm: Number((r.axonRequestsPerCpuSec / raw.wasm.perCpuSec).toFixed(2)),
  })),
  note:
    'cpuRatioToRawWasm = axon requests per CPU-second (all its threads) / raw verifies per CPU-second: ' +
    'the one-core efficiency, robust to other load on the machine. reqPerSec is wall-clock and shares ' +
    'the cores with autocannon and anything else running.',
});
