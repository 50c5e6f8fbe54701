import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperatorBlock } from './readmeBlocks.js';

export interface ShellResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Shell bookkeeping that must not travel from one block to the next. */
const SHELL_OWN = new Set(['_', 'SHLVL', 'PWD', 'OLDPWD', 'OPERATOR_TEST_ENV_FILE']);

/**
 * Runs README blocks the way one operator's terminal would: bash from the repository root, each
 * block stopping at its first failing command (set -euo pipefail), and the variables a block
 * exports carried on to the next block. Every block's output goes to `<logDir>/<name>.log`.
 */
export class OperatorShell {
  private env: NodeJS.ProcessEnv;
  private readonly children = new Set<ChildProcess>();

  constructor(
    private readonly cwd: string,
    env: NodeJS.ProcessEnv,
    private readonly logDir: string,
  ) {
    this.env = { ...env };
  }

  /** The environment the next block starts with. */
  get environment(): NodeJS.ProcessEnv {
    return { ...this.env };
  }

  /** Runs a block to its end; its exports are kept when it succeeds. */
  async run(block: OperatorBlock, timeoutMs: number): Promise<ShellResult> {
    const envFile = join(this.logDir, `${block.name}.env`);
    const script = `set -euo pipefail\n${block.script}env -0 > "$OPERATOR_TEST_ENV_FILE"\n`;
    const child = this.spawnBash(script, { ...this.env, OPERATOR_TEST_ENV_FILE: envFile });
    const result = await collect(child, timeoutMs, join(this.logDir, `${block.name}.log`));
    if (result.code === 0) this.env = readEnvFile(envFile);
    return result;
  }

  /** Starts a block that keeps running (the local chain); stop it with `stop`. */
  background(block: OperatorBlock): BackgroundBlock {
    const child = this.spawnBash(`set -euo pipefail\n${block.script}`, this.env);
    return new BackgroundBlock(block.name, child, join(this.logDir, `${block.name}.log`));
  }

  /** Kills whatever is still running (a block past its time limit, a forgotten background block). */
  killAll(): void {
    for (const child of this.children) killGroup(child, 'SIGKILL');
  }

  private spawnBash(script: string, env: NodeJS.ProcessEnv): ChildProcess {
    // Its own process group, so a stop reaches what the block started (node under ./taonode…).
    const child = spawn('bash', ['-c', script], {
      cwd: this.cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }
}

/** A block left running in its own process group, its stdout watched for a line. */
export class BackgroundBlock {
  private stdout = '';
  private readonly exited: Promise<number>;

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    logFile: string,
  ) {
    child.stdout!.on('data', (d: Buffer) => {
      this.stdout += d.toString();
      appendFileSync(logFile, d);
    });
    child.stderr!.on('data', (d: Buffer) => appendFileSync(logFile, d));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))),
    );
  }

  /** The first stdout line matching `pattern`; fails if the block exits first or time runs out. */
  async waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | undefined;
    void this.exited.then((code) => {
      exitCode = code;
    });
    for (;;) {
      const line = this.stdout.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) return line;
      if (exitCode !== undefined) throw new Error(`background block '${this.name}' exited with ${exitCode}`);
      if (Date.now() > deadline)
        throw new Error(`background block '${this.name}' printed no ${pattern} in time`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Ctrl-C, as the README says to stop it; SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 30_000): Promise<number> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    killGroup(this.child, 'SIGINT');
    const timer = setTimeout(() => killGroup(this.child, 'SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function collect(child: ChildProcess, timeoutMs: number, logFile: string): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      appendFileSync(logFile, d);
    });
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      appendFileSync(logFile, d);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : 128), stdout, stderr });
    });
  });
}

function readEnvFile(file: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const entry of readFileSync(file, 'utf8').split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const key = entry.slice(0, eq);
    if (!SHELL_OWN.has(key)) env[key] = entry.slice(eq + 1);
  }
  return env;
}
