// Child process for the transport benches: starts `count` Dummy axons (Alice's hotkey) and prints
// one JSON line with their addresses, then serves until stdin closes. Run with tsx.
//   --count N  --delay-ms D (forward sleeps D ms)  --workers W (verify threads per axon)
//   --offload 1 (workers verify every request, not only while the event loop is busy)
//   --floor 1 (no axon: a bare fastify route with the same settings and reply sizes, to measure
//   what HTTP + fastify alone cost per request on this machine)
//   --split 1 (time the inline verify batches: two process.cpuUsage() calls per batch, which
//   themselves cost CPU per request, so only for the breakdown, not for the headline ratio)
import { readFileSync } from 'node:fs';
import { Keypair, sr25519Verify, verifyBackend, verifyWasmCrypto } from '@taonode/wallet';
import { createAxon } from '../axon/createAxon.js';
import { inlineVerifyCpu } from '../axon/signatureCheck.js';
import { EMPTY_BODY_HASH } from '../codec/bodyHash.js';
import { Dummy, sleep } from './fixtures.js';
import { startFloorServer } from './floorServer.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const count = arg('count', 1);
const delayMs = arg('delay-ms', 0);
const workers = arg('workers', 0);
const offload = arg('offload', 0) === 1 ? 'always' : 'auto';
const floor = arg('floor', 0) === 1;
const signer = Keypair.fromUri('//Alice');
inlineVerifyCpu.enabled = arg('split', 0) === 1;

const axons: { ip: string; port: number; hotkey: string }[] = [];
const stops: (() => Promise<void>)[] = [];
if (floor) {
  const f = await startFloorServer();
  axons.push({ ...f.address, hotkey: signer.ss58Address });
  stops.push(f.stop);
}
for (let i = 0; i < (floor ? 0 : count); i++) {
  // Spread over 127.0.0.2–127.0.0.17, like neurons on different hosts.
  const ip = count === 1 ? '127.0.0.1' : `127.0.0.${2 + (i % 16)}`;
  const axon = createAxon({
    signer,
    ip,
    port: 0,
    verifyWorkers: workers,
    verifyOffload: offload,
    maxConcurrentForwards: 1024,
  });
  axon.attach(Dummy, {
    forward: async (s) => {
      if (delayMs > 0) await sleep(delayMs);
      s.dummy_output = s.dummy_input * 2;
      return s;
    },
  });
  await axon.start();
  axons.push({ ...axon.address, hotkey: axon.hotkey });
  stops.push(() => axon.stop());
}
process.stdout.write(`${JSON.stringify({ hotkey: signer.ss58Address, axons })}\n`);
/** CPU seconds of the main (event-loop) thread alone, from /proc on Linux; null elsewhere. */
function mainThreadSeconds(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/**
 * Raw verify calls per CPU second, in this process, between load runs: the verifier the axon uses
 * (`verify`), or @polkadot/wasm-crypto's (`verify-wasm-crypto`, the reference of earlier runs).
 */
function rawVerifyPerCpuSec(seconds: number, check: typeof sr25519Verify): number {
  // Same shape and length as a real request's signed message (§1.6).
  const message = new TextEncoder().encode(
    `1763000000000000000.${signer.ss58Address}.${signer.ss58Address}.5ecbd69c-1cec-11ee-b0dc-e29ce36fec1a.${EMPTY_BODY_HASH}`,
  );
  const sig = signer.sign(message);
  for (let i = 0; i < 50; i++) check(message, sig, signer.publicKey);
  let n = 0;
  const start = performance.now();
  const cpu0 = cpuSeconds();
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 20; i++) if (!check(message, sig, signer.publicKey)) throw new Error('bad');
    n += 20;
  }
  return n / (cpuSeconds() - cpu0);
}

// Each stdin line is a command answered with one JSON line: `cpu` → this process's CPU seconds so
// far (user+system, all threads), so benches report CPU per request independent of machine load;
// `verify` → the raw verify rate measured here, so ratios compare like with like.
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  pending += chunk;
  for (let i = pending.indexOf('\n'); i >= 0; i = pending.indexOf('\n')) {
    const cmd = pending.slice(0, i).trim();
    pending = pending.slice(i + 1);
    const u = process.cpuUsage();
    const out =
      cmd === 'verify'
        ? { verifyPerCpuSec: rawVerifyPerCpuSec(2, sr25519Verify), backend: verifyBackend() }
        : cmd === 'verify-wasm-crypto'
          ? { verifyPerCpuSec: rawVerifyPerCpuSec(2, verifyWasmCrypto), backend: 'wasm-crypto' }
          : {
              cpuS: (u.user + u.system) / 1e6,
              userS: u.user / 1e6,
              systemS: u.system / 1e6,
              mainThreadS: mainThreadSeconds(),
              inlineVerifies: inlineVerifyCpu.calls,
              inlineVerifyCpuS: inlineVerifyCpu.cpuUs / 1e6,
            };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
});
process.stdin.on('end', async () => {
  await Promise.all(stops.map((stop) => stop()));
  process.exit(0);
});
