import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { AxonTarget } from '../dendrite/createDendrite.js';

export interface CpuSplit {
  cpuS: number;
  userS: number;
  systemS: number;
  /** The event-loop thread alone (Linux), without verify workers. */
  mainThreadS: number | null;
  /** Signatures verified inline (on the event loop) so far, and the CPU those batches took. */
  inlineVerifies: number;
  inlineVerifyCpuS: number;
}

/** Starts benchAxons.ts in its own process (its CPU is not the load generator's). */
export async function spawnBenchAxons(args: {
  count: number;
  delayMs?: number;
  workers?: number;
  /** Verify on the workers always (default: only while the event loop is busy). */
  offload?: boolean;
  /** Start the bare fastify floor server instead of axons. */
  floor?: boolean;
  /** Time the inline verify batches (costs CPU per request itself; for breakdowns only). */
  split?: boolean;
  /** Extra node flags for the axon process (e.g. --cpu-prof). */
  nodeArgs?: string[];
}): Promise<{
  axons: AxonTarget[];
  cpuSeconds: () => Promise<number>;
  /** CPU seconds split into user space and kernel (system) time. */
  cpuSplit: () => Promise<CpuSplit>;
  /** Raw sr25519 verifies per CPU second inside the axon process: its own verifier, or wasm-crypto. */
  rawVerifyPerCpuSec: (backend?: 'axon' | 'wasm-crypto') => Promise<number>;
  stop: () => Promise<void>;
}> {
  const script = fileURLToPath(new URL('./benchAxons.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      ...(args.nodeArgs ?? []),
      '--conditions=@taonode/source',
      '--import',
      'tsx',
      script,
      '--count',
      String(args.count),
      '--delay-ms',
      String(args.delayMs ?? 0),
      '--workers',
      String(args.workers ?? 0),
      '--offload',
      args.offload ? '1' : '0',
      '--floor',
      args.floor ? '1' : '0',
      '--split',
      args.split ? '1' : '0',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      const w = waiters.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const exited = once(child, 'exit').then(() => {
    throw new Error('bench axon process exited early');
  });
  const nextLine = () =>
    Promise.race([
      new Promise<string>((resolve) => {
        const l = lines.shift();
        if (l !== undefined) resolve(l);
        else waiters.push(resolve);
      }),
      exited,
    ]);
  const { axons } = JSON.parse(await nextLine()) as { axons: AxonTarget[] };
  return {
    axons,
    cpuSeconds: async () => {
      child.stdin.write('cpu\n');
      return (JSON.parse(await nextLine()) as { cpuS: number }).cpuS;
    },
    cpuSplit: async () => {
      child.stdin.write('cpu\n');
      return JSON.parse(await nextLine()) as CpuSplit;
    },
    rawVerifyPerCpuSec: async (backend = 'axon') => {
      child.stdin.write(backend === 'axon' ? 'verify\n' : 'verify-wasm-crypto\n');
      return (JSON.parse(await nextLine()) as { verifyPerCpuSec: number }).verifyPerCpuSec;
    },
    stop: async () => {
      exited.catch(() => undefined);
      child.stdin.end();
      await once(child, 'exit');
    },
  };
}
