import type { ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import type { ProcessResult } from '@taonode/kit';
import ffmpeg, { type FfmpegCommand } from 'fluent-ffmpeg';
import type { FfmpegRunner, RunnerOptions } from './ffmpegRunner.js';
import { type SplitCommand, splitArgs } from './splitArgs.js';

const STDERR_KEEP = 8192;

/** Members of fluent-ffmpeg 2.1.3 that its typings leave out; see `newCommand` and `takeOverSpawnErrors`. */
interface FluentInternals {
  _getFfmpegPath(callback: (err: Error | null, path: string) => void): void;
  ffmpegProc?: ChildProcess;
}

function newCommand(ffmpegPath: string): FfmpegCommand {
  // Keep the last 100 stderr lines, as runProcess keeps the tail; errors are at the end.
  const cmd = ffmpeg({ stdoutLines: 100 });
  // setFfmpegPath() writes a process-wide cache; pinning the path per command keeps two Ffmpeg
  // objects with different binaries from swapping them between start-up and spawn.
  (cmd as unknown as FluentInternals)._getFfmpegPath = (callback) => callback(null, ffmpegPath);
  return cmd;
}

/**
 * fluent-ffmpeg 2.1.3 throws an uncaught TypeError from its own 'error' listener when spawn fails
 * (binary gone, EAGAIN), which would kill the daemon; upstream is archived, so we take that event over.
 */
function takeOverSpawnErrors(cmd: FfmpegCommand, onError: (err: NodeJS.ErrnoException) => void): void {
  const proc = (cmd as unknown as FluentInternals).ffmpegProc;
  proc?.removeAllListeners('error');
  proc?.on('error', onError);
}

/** Adds options as separate arguments: fluent-ffmpeg splits a lone "a b" string at its space. */
function addOptions(add: (...options: string[]) => FfmpegCommand, options: readonly string[]): void {
  if (options.length === 1 && options[0]?.includes(' ')) {
    throw new Error(`option "${options[0]}" alone would be split by fluent-ffmpeg`);
  }
  if (options.length > 0) add(...options);
}

/** Builds the fluent command for a split command line (exported for the argument-order test). */
export function buildCommand(ffmpegPath: string, parts: SplitCommand): FfmpegCommand {
  const cmd = newCommand(ffmpegPath);
  for (const input of parts.inputs) {
    cmd.input(input.source);
    addOptions(cmd.inputOptions.bind(cmd), input.options);
  }
  addOptions(cmd.outputOptions.bind(cmd), parts.outputOptions);
  return cmd;
}

type Outcome = Pick<ProcessResult, 'exitCode' | 'spawnError' | 'stderr'>;

/** Outcome of a fluent run in runProcess's terms, from fluent's error message (it has no exit code field). */
function fromError(err: Error, stderr: string): Outcome {
  const code = /ffmpeg exited with code (\d+)/.exec(err.message)?.[1];
  if (code !== undefined) return { exitCode: Number(code), spawnError: undefined, stderr };
  if (/killed with signal/.test(err.message)) return { exitCode: null, spawnError: undefined, stderr };
  return { exitCode: null, spawnError: err, stderr };
}

function run(ffmpegPath: string, args: readonly string[], options: RunnerOptions): Promise<ProcessResult> {
  let parts: SplitCommand;
  let cmd: FfmpegCommand;
  try {
    parts = splitArgs(args);
    cmd = buildCommand(ffmpegPath, parts);
  } catch (err) {
    const spawnError = err instanceof Error ? err : new Error(String(err));
    return Promise.resolve({
      exitCode: null,
      stdout: Buffer.alloc(0),
      stderr: '',
      timedOut: false,
      spawnError,
    });
  }
  const toStdout = parts.target === '-';
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let timedOut = false;
    let settled = false;
    const finish = (r: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...r, stderr: r.stderr.slice(-STDERR_KEEP), stdout: Buffer.concat(chunks), timedOut });
    };
    let started = false;
    let killRequested = false;
    // fluent's kill() does nothing before the spawn (it may still be checking capabilities): remember it.
    const kill = () => {
      killRequested = true;
      if (started) cmd.kill('SIGKILL');
    };
    // Our own timer rather than fluent's `timeout` option: milliseconds, and SIGKILL (fluent sends
    // SIGTERM, which a decoder stuck inside a hostile file may never act on).
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    // Success needs fluent's 'end' (process exited) and, when piping, the last stdout byte.
    let waiting = toStdout ? 2 : 1;
    let endStderr = '';
    const oneDone = () => {
      waiting--;
      if (waiting === 0) finish({ exitCode: 0, spawnError: undefined, stderr: endStderr });
    };
    cmd.on('start', () => {
      started = true;
      takeOverSpawnErrors(cmd, (err) => finish({ exitCode: null, spawnError: err, stderr: '' }));
      if (killRequested) cmd.kill('SIGKILL');
    });
    cmd.on('error', (err: Error, _stdout: unknown, stderr: string | null | undefined) =>
      finish(fromError(err, stderr ?? '')),
    );
    cmd.on('end', (_stdout: unknown, stderr: string | null | undefined) => {
      endStderr = stderr ?? '';
      oneDone();
    });
    if (!toStdout) {
      cmd.output(parts.target).run();
      return;
    }
    const sink = new Writable({
      // fluent-ffmpeg reports an error 20 ms after its output stream emits 'close' unless the process
      // has exited by then, a race under load; a sink that never emits 'close' avoids it.
      emitClose: false,
      write(chunk: Buffer, _encoding, callback) {
        stdoutBytes += chunk.byteLength;
        if (options.maxStdoutBytes !== undefined && stdoutBytes > options.maxStdoutBytes) kill();
        else chunks.push(chunk);
        callback();
      },
    });
    sink.on('finish', oneDone);
    // pipe() names the output `pipe:1` (ffmpeg's `-` for stdout) and starts the run.
    cmd.pipe(sink, { end: true });
  });
}

/**
 * ffmpeg through fluent-ffmpeg, as the design asks. fluent checks each command's `-f` formats and
 * codecs against `ffmpeg -formats` / `-encoders` (cached process-wide); listing them here moves that
 * cost to start-up and proves fluent can drive this binary.
 */
export async function createFluentRunner(ffmpegPath: string): Promise<FfmpegRunner> {
  const cmd = newCommand(ffmpegPath);
  await new Promise<void>((resolve, reject) => {
    cmd.availableFormats((err) => {
      if (err) reject(err);
      else cmd.availableEncoders((err2) => (err2 ? reject(err2) : resolve()));
    });
  });
  return (args, options) => run(ffmpegPath, args, options);
}
