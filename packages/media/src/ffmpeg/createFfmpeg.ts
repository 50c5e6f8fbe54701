import { basename, dirname, join } from 'node:path';
import { type ProcessResult, runProcess } from '@taonode/kit';
import { z } from 'zod';
import { FfmpegFailedError, FfmpegNotFoundError } from '../errors.js';
import { type FfmpegRunner, MEDIA_RUNNERS, type MediaRunner } from './ffmpegRunner.js';
import { createFluentRunner } from './fluentRunner.js';
import { createSpawnRunner } from './spawnRunner.js';

/** The `--media.*` options, parsed by the neuron config loader. */
export const mediaOptionsSchema = z.object({
  /** ffmpeg binary; PATH lookup when omitted. ffprobe is taken from the same folder. */
  ffmpeg_path: z.string().min(1).optional(),
  /** Kill any single ffmpeg run after this long (a corrupt file must not hang a validator). */
  timeout_ms: z.number().int().positive().default(120_000),
  /** How ffmpeg is driven: `fluent` (fluent-ffmpeg, as the design asks) or `spawn` (plain child_process, the fallback). */
  runner: z.enum(MEDIA_RUNNERS).default('fluent'),
});
export type MediaOptions = z.input<typeof mediaOptionsSchema>;

/** A checked ffmpeg + ffprobe pair; every media function takes one (viem style: client passed in). */
export interface Ffmpeg {
  readonly ffmpegPath: string;
  readonly ffprobePath: string;
  /** e.g. "5.1.9-0+deb12u1" */
  readonly version: string;
  readonly timeoutMs: number;
  /** Which runner drives ffmpeg (optional so hand-made Ffmpeg objects stay valid). */
  readonly runner?: MediaRunner;
  /** Runs ffmpeg; throws FfmpegFailedError (with `what` in the message) unless it exits 0. */
  run(what: string, args: readonly string[], options?: { maxStdoutBytes?: number }): Promise<Buffer>;
  /** Runs ffprobe the same way. */
  probe(what: string, args: readonly string[]): Promise<Buffer>;
}

function siblingFfprobe(ffmpegPath: string): string {
  if (!ffmpegPath.includes('/') && !ffmpegPath.includes('\\')) return 'ffprobe';
  const name = basename(ffmpegPath).replace(/ffmpeg/i, 'ffprobe');
  return join(dirname(ffmpegPath), name === basename(ffmpegPath) ? 'ffprobe' : name);
}

async function checkTool(tool: string, path: string): Promise<string> {
  const r = await runProcess(path, ['-hide_banner', '-version'], { timeoutMs: 15_000 });
  if (r.spawnError) {
    const reason = r.spawnError.code === 'ENOENT' ? 'not found' : r.spawnError.message;
    throw new FfmpegNotFoundError(tool, path, reason, { cause: r.spawnError });
  }
  const text = r.stdout.toString('utf8');
  const version = new RegExp(`^${tool} version (\\S+)`, 'm').exec(text)?.[1];
  if (r.exitCode !== 0 || version === undefined) {
    throw new FfmpegNotFoundError(tool, path, `"${path} -version" did not identify itself as ${tool}`);
  }
  return version;
}

function check(what: string, r: ProcessResult, timeoutMs: number): Buffer {
  if (r.timedOut) throw new FfmpegFailedError(what, r.exitCode, r.stderr, `timed out after ${timeoutMs} ms`);
  if (r.spawnError) throw new FfmpegFailedError(what, null, r.stderr, r.spawnError.message);
  if (r.exitCode !== 0) throw new FfmpegFailedError(what, r.exitCode, r.stderr);
  return r.stdout;
}

async function startRunner(runner: MediaRunner, ffmpegPath: string): Promise<FfmpegRunner> {
  if (runner === 'spawn') return createSpawnRunner(ffmpegPath);
  try {
    return await createFluentRunner(ffmpegPath);
  } catch (err) {
    const reason = `fluent-ffmpeg could not list its formats: ${err instanceof Error ? err.message : String(err)}`;
    throw new FfmpegNotFoundError('ffmpeg', ffmpegPath, reason, { cause: err });
  }
}

/**
 * Finds and checks ffmpeg and ffprobe once, at daemon start, so a missing binary is a clear error
 * then rather than a failed video later. ffmpeg runs through the chosen runner (see docs/media.md);
 * ffprobe and the version checks always use runProcess, which has the timeout fluent's ffprobe lacks.
 */
export async function createFfmpeg(options: MediaOptions = {}): Promise<Ffmpeg> {
  const opts = mediaOptionsSchema.parse(options);
  const ffmpegPath = opts.ffmpeg_path ?? 'ffmpeg';
  const ffprobePath = siblingFfprobe(ffmpegPath);
  const version = await checkTool('ffmpeg', ffmpegPath);
  await checkTool('ffprobe', ffprobePath);
  const timeoutMs = opts.timeout_ms;
  const runFfmpeg = await startRunner(opts.runner, ffmpegPath);
  const base = ['-hide_banner', '-nostdin', '-loglevel', 'error'];
  return {
    ffmpegPath,
    ffprobePath,
    version,
    timeoutMs,
    runner: opts.runner,
    async run(what, args, runOptions = {}) {
      const r = await runFfmpeg([...base, ...args], {
        timeoutMs,
        maxStdoutBytes: runOptions.maxStdoutBytes,
      });
      return check(what, r, timeoutMs);
    },
    async probe(what, args) {
      const r = await runProcess(ffprobePath, ['-hide_banner', '-loglevel', 'error', ...args], { timeoutMs });
      return check(what, r, timeoutMs);
    },
  };
}
