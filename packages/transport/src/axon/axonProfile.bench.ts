// Where an axon's CPU goes per request: the bench axon (inline verification) and the HTTP floor,
// each in its own process under `node --cpu-prof`, serve a warm-up and then a measured share of
// fresh signed requests; the samples of the measured window are grouped (verifier WASM, garbage
// collector, node's HTTP and sockets, fastify, our files, …) and scaled to the CPU per request
// that process used in that window. The sampling profiler costs CPU itself, and the machine is
// shared: read the split, not the absolute numbers (axonThroughput has those).
//   BENCH_REQUESTS=12000  BENCH_WARMUP=3000  BENCH_CONNECTIONS=10
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchResult } from '@taonode/bench';
import { Keypair } from '@taonode/wallet';
import autocannon from 'autocannon';
import { signedDummyRequest } from '../testing/fixtures.js';
import { spawnBenchAxons } from '../testing/spawnBenchAxons.js';

const amount = Number(process.env.BENCH_REQUESTS ?? 12000);
const warmup = Number(process.env.BENCH_WARMUP ?? 3000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const alice = Keypair.fromUri('//Alice');
const bob = Keypair.fromUri('//Bob');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function category(f: ProfileNode['callFrame']): string | undefined {
  const u = f.url;
  if (f.functionName === '(idle)') return undefined;
  if (f.functionName === '(garbage collector)') return 'garbage collector';
  if (u.startsWith('wasm')) return 'sr25519 verify (WASM)';
  if (u.includes('/transport/src/') || u.includes('/wallet/src/')) return `ours: ${u.split('/').pop()}`;
  if (/\/(fastify|find-my-way|avvio|light-my-request|@fastify)\//.test(u)) return 'fastify';
  if (u.includes('/lru-cache/')) return 'lru-cache (nonce window, keys)';
  if (u.includes('/zod/')) return 'zod (subnet fields)';
  if (u.startsWith('node:') || u === '') return 'node: HTTP, sockets, timers, natives';
  return 'other';
}

async function profiled(floor: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'axon-prof-'));
  const spawnedAt = Date.now();
  const server = await spawnBenchAxons({
    count: 1,
    floor,
    nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'],
  });
  const signed = Array.from({ length: warmup + amount + connections * 4 }, (_, i) =>
    signedDummyRequest({ signer: bob, axonHotkey: alice.ss58Address, uuid: `prof-${i}`, timeout: 600 }),
  );
  let next = 0;
  const load = (count: number) =>
    autocannon({
      url: `http://127.0.0.1:${server.axons[0]!.port}`,
      connections,
      amount: count,
      requests: [
        {
          method: 'POST',
          path: '/Dummy',
          setupRequest: (req: Record<string, unknown>) => {
            const s = signed[next++]!;
            return { ...req, headers: s.headers, body: s.body };
          },
        },
      ],
    });
  await load(warmup);
  const cpu0 = await server.cpuSeconds();
  const fromMs = Date.now() - spawnedAt;
  const result = await load(amount);
  const toMs = Date.now() - spawnedAt;
  const cpuMsPerRequest = (((await server.cpuSeconds()) - cpu0) * 1000) / result.requests.total;
  await server.stop();
  // The main thread's profile: the one that ran benchAxons.ts (tsx's loader thread writes one too).
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Profile)
    .find((p) => p.nodes.some((n) => n.callFrame.url.endsWith('/benchAxons.ts')))!;
  rmSync(dir, { recursive: true, force: true });
  const byId = new Map(file.nodes.map((n) => [n.id, n]));
  const busy = new Map<string, number>();
  let total = 0;
  let t = file.startTime;
  for (let i = 0; i < file.samples.length; i++) {
    t += file.timeDeltas[i] ?? 0;
    const relMs = (t - file.startTime) / 1000;
    if (relMs < fromMs || relMs > toMs) continue;
    const c = category(byId.get(file.samples[i]!)!.callFrame);
    if (c === undefined) continue;
    const dt = file.timeDeltas[i + 1] ?? 0;
    busy.set(c, (busy.get(c) ?? 0) + dt);
    total += dt;
  }
  const split = Object.fromEntries(
    [...busy]
      .sort((a, b) => b[1] - a[1])
      .map(([c, us]) => [c, Number(((us / total) * cpuMsPerRequest * 1000).toFixed(1))]),
  );
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    cpuUsPerRequest: Number((cpuMsPerRequest * 1000).toFixed(1)),
    usPerRequestByCategory: split,
  };
}

const floor = await profiled(true);
const axon = await profiled(false);
writeBenchResult('transport-axon-profile', {
  loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
  connections,
  warmupRequests: warmup,
  axonInline: axon,
  httpFloor: floor,
  note:
    'CPU µs per request by where the main thread was sampled (node --cpu-prof, 250 µs interval, ' +
    'measured window only), scaled to the CPU per request of that window. The profiler adds CPU ' +
    'of its own; compare the split between categories and between axon and floor.',
});
