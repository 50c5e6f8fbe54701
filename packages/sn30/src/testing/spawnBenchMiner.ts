import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AxonTarget } from '@taonode/transport';

export interface BenchMiner {
  target: AxonTarget;
  stats(): Promise<{ cpuMs: number; rssMb: number; stored: number }>;
  stop(): Promise<void>;
}

/** Starts benchMinerMain.ts in its own process (sources through tsx). */
export async function spawnBenchMiner(storeMb = 4096): Promise<BenchMiner> {
  const script = fileURLToPath(new URL('./benchMinerMain.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--conditions=@taonode/source', '--import', 'tsx', script, String(storeMb)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const waiters: ((line: string) => void)[] = [];
  let buf = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      waiters.shift()?.(line);
    }
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      waiters.push(resolve);
      child.once('exit', () => reject(new Error('bench miner exited')));
    });
  const ready = JSON.parse(await nextLine()) as { port: number; hotkey: string };
  return {
    target: { ip: '127.0.0.1', port: ready.port, hotkey: ready.hotkey },
    async stats() {
      const line = nextLine();
      child.stdin.write('stats\n');
      return JSON.parse(await line) as { cpuMs: number; rssMb: number; stored: number };
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      await exited;
    },
  };
}
