import { spawn } from 'node:child_process';

export interface ProcessResult {
  exitCode: number | null;
  stdout: Buffer;
  /** The last 8 KiB of stderr (a tool's errors are at the end). */
  stderr: string;
  timedOut: boolean;
  spawnError: NodeJS.ErrnoException | undefined;
}

const STDERR_KEEP = 8192;

/**
 * Runs a tool, collecting stdout as bytes and the tail of stderr. Never throws: the caller decides
 * what a failure means. `timeoutMs` kills the process (SIGKILL) so a stuck tool cannot hang a daemon
 * (or a test). Asynchronous on purpose: a blocking spawnSync starves a test runner's worker RPC.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: {
    timeoutMs?: number;
    maxStdoutBytes?: number;
    signal?: AbortSignal;
    cwd?: string;
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = '';
    let timedOut = false;
    let spawnError: NodeJS.ErrnoException | undefined;
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, options.timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      stdoutBytes += c.byteLength;
      if (options.maxStdoutBytes !== undefined && stdoutBytes > options.maxStdoutBytes) {
        child.kill('SIGKILL');
        return;
      }
      chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-STDERR_KEEP);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      spawnError = err;
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ exitCode: code, stdout: Buffer.concat(chunks), stderr, timedOut, spawnError });
    });
  });
}
