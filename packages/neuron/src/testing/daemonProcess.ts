import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface DaemonSpec {
  name: string;
  script: string;
  execArgv: string[];
  args: string[];
  cwd: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
}

/** One daemon as a real child process, its stdout/stderr appended to a log file (demo and tests). */
export class DaemonProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  exitCode: number | null | undefined;

  constructor(readonly spec: DaemonSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  start(): void {
    this.exitCode = undefined;
    this.log = createWriteStream(this.spec.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [...this.spec.execArgv, this.spec.script, ...this.spec.args], {
      cwd: this.spec.cwd,
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    const log = this.log;
    this.exited = new Promise((resolve) => {
      // 'close', not 'exit': 'exit' can come before the pipes are drained. And the piped chunks may
      // still sit in the file stream's queue after 'close', so wait for the file to be written too;
      // otherwise a reader right after stop() misses the daemon's last lines (e.g. "stopped").
      child.on('close', (code, signal) => {
        const exitCode = code ?? (signal ? 128 : null);
        log.end(() => {
          this.exitCode = exitCode;
          resolve(exitCode);
        });
      });
    });
  }

  /** SIGTERM (or `signal`), then SIGKILL if it has not stopped within `graceMs` (pm2's kill_timeout). */
  async stop(graceMs = 10_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.child || this.exitCode !== undefined) return this.exitCode ?? null;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  /** kill -9, for crash tests. */
  async kill(): Promise<void> {
    if (!this.child || this.exitCode !== undefined) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  waitForExit(): Promise<number | null> {
    return this.exited;
  }
}
