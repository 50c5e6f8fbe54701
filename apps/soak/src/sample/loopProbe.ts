import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';

// An idle process: whatever delay its loop sees comes from the machine (other processes on the cores).
const PROBE = `
const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
process.stdin.on('data', () => { process.stdout.write(h.percentile(99) / 1e6 + '\\n'); h.reset(); });
`;

/**
 * The machine's floor for the event-loop figures: an idle Node process measuring its own loop delay
 * with the same resolution as the daemons' prom-client, read at every sample. On a busy machine
 * this shows how much of a daemon's p99 is the machine's, not the daemon's.
 */
export class LoopProbe {
  private child: ChildProcess | undefined;
  private lines: Interface | undefined;
  private readonly pending: ((line: string) => void)[] = [];

  start(): void {
    const child = spawn(process.execPath, ['-e', PROBE], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.lines = createInterface({ input: child.stdout! });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
    this.child = child;
  }

  /** p99 of the loop delay since the previous read, in ms (the 10 ms resolution included, as prom-client's). */
  read(timeoutMs = 5_000): Promise<number | undefined> {
    const child = this.child;
    if (!child?.stdin?.writable) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const answer = (line: string) => {
        clearTimeout(timer);
        const v = Number(line);
        resolve(Number.isFinite(v) ? v : undefined);
      };
      const timer = setTimeout(() => {
        // Late answers must not land on the next read.
        this.pending.splice(this.pending.indexOf(answer), 1, () => {});
        resolve(undefined);
      }, timeoutMs);
      this.pending.push(answer);
      child.stdin!.write('\n');
    });
  }

  stop(): void {
    this.lines?.close();
    this.child?.kill();
    this.child = undefined;
  }
}
