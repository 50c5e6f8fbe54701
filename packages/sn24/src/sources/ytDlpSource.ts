import { accessSync, constants } from 'node:fs';
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { delimiter, extname, join } from 'node:path';
import { type ProcessResult, runProcess, TaonodeError } from '@taonode/kit';
import { z } from 'zod';
import { classifyDownloadError, SpotCheckDownloadError } from '../scoring/spotCheck.js';
import type { VideoCandidate, VideoSource } from './types.js';
import { isYoutubeLikeId } from './videoId.js';

/** The `--sn24.yt_dlp_*` options. */
export const ytDlpOptionsSchema = z.object({
  /** yt-dlp binary; looked up on PATH when omitted. */
  yt_dlp_path: z.string().min(1).optional(),
  /** Passed as `--proxy` (e.g. `http://user:pass@host:port`); never logged. */
  proxy: z.string().min(1).optional(),
  search_timeout_ms: z.number().int().positive().default(60_000),
  /** The validator's spot check uses 10 s (VIDEO_DOWNLOAD_TIMEOUT); a miner can allow more. */
  download_timeout_ms: z.number().int().positive().default(60_000),
});
export type YtDlpOptions = z.input<typeof ytDlpOptionsSchema>;

// One JSON line per result; a search that prints more than this is not yt-dlp behaving.
const MAX_SEARCH_OUTPUT = 16 * 1024 * 1024;

/** yt-dlp is not installed or its search failed (download failures are SpotCheckDownloadError). */
export class YtDlpError extends TaonodeError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, { details });
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The yt-dlp to use: the configured path (which must be executable), else `yt-dlp` on PATH, else
 * undefined (the caller then uses the local folder source).
 */
export function findYtDlp(configured?: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (configured !== undefined) {
    if (!executable(configured)) {
      throw new YtDlpError(`yt-dlp not usable at "${configured}"`, {
        hint: 'install yt-dlp (pip install yt-dlp, or your package manager) or fix --sn24.yt_dlp_path',
      });
    }
    return configured;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, 'yt-dlp'))) return join(dir, 'yt-dlp');
  }
  return undefined;
}

// yt-dlp's flat-playlist entries: fields may be null or missing.
const entrySchema = z.object({
  id: z.string(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  duration: z.number().nullish(),
  view_count: z.number().nullish(),
  live_status: z.string().nullish(),
});

/** Spec §3.1 step 2: flat search entries → candidates; live streams skipped; defaults 300 s, 0 views. */
export function parseSearchOutput(stdout: string): VideoCandidate[] {
  const out: VideoCandidate[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      continue;
    }
    const e = entrySchema.safeParse(json);
    if (!e.success || !isYoutubeLikeId(e.data.id)) continue;
    if (e.data.live_status === 'is_live' || e.data.live_status === 'is_upcoming') continue;
    out.push({
      video_id: e.data.id,
      title: e.data.title ?? '',
      description: e.data.description ?? '',
      views: Math.max(0, Math.floor(e.data.view_count ?? 0)),
      durationS: e.data.duration ?? 300,
    });
  }
  return out;
}

/** yt-dlp's own error line ("ERROR: [youtube] …: Video unavailable"), else the stderr tail. */
function errorLine(r: ProcessResult): string {
  const lines = r.stderr.split('\n').map((l) => l.trim());
  const error = lines.filter((l) => l.startsWith('ERROR:')).at(-1);
  return (error ?? lines.filter(Boolean).slice(-2).join(' | ')).slice(0, 500) || `exit code ${r.exitCode}`;
}

/**
 * YouTube through yt-dlp, as the reference miner and validator use it: `ytsearchN:` flat search and
 * "worst" format downloads of just [start, end] (`--download-sections`). Download errors are
 * classified by the reference's message rules (fake video / IP blocked / other).
 */
export function ytDlpSource(input: YtDlpOptions & { path: string }): VideoSource {
  const o = ytDlpOptionsSchema.parse(input);
  const proxy = o.proxy ? ['--proxy', o.proxy] : [];
  const common = ['--ignore-config', '--no-warnings', '--no-progress', ...proxy];
  return {
    kind: 'yt-dlp',
    async search(query, limit) {
      const n = Math.max(1, Math.floor(limit));
      const args = [...common, '--flat-playlist', '--dump-json', '--', `ytsearch${n}:${query}`];
      const r = await runProcess(input.path, args, {
        timeoutMs: o.search_timeout_ms,
        maxStdoutBytes: MAX_SEARCH_OUTPUT,
      });
      const found = parseSearchOutput(r.stdout.toString('utf8'));
      if (found.length === 0 && (r.exitCode !== 0 || r.timedOut || r.spawnError)) {
        const why =
          r.spawnError?.message ?? (r.timedOut ? `timed out after ${o.search_timeout_ms} ms` : errorLine(r));
        throw new YtDlpError(`yt-dlp search failed: ${why}`, { query });
      }
      return found.slice(0, n);
    },
    async downloadClip(videoId, { startS, endS }, dir) {
      // Checked before yt-dlp sees it: an id is also an argument on its command line.
      if (!isYoutubeLikeId(videoId))
        throw new SpotCheckDownloadError('fake', `Incomplete YouTube ID ${JSON.stringify(videoId)}`);
      const work = await mkdtemp(join(dir, `yt-${videoId}-`));
      try {
        const args = [
          ...common,
          '--no-playlist',
          '-f',
          'worst',
          '--download-sections',
          `*${startS}-${endS}`,
          '-o',
          join(work, `${videoId}.%(ext)s`),
          '--',
          `https://www.youtube.com/watch?v=${videoId}`,
        ];
        const r = await runProcess(input.path, args, { timeoutMs: o.download_timeout_ms });
        if (r.spawnError)
          throw new SpotCheckDownloadError('other', `yt-dlp did not start: ${r.spawnError.message}`);
        if (r.timedOut)
          throw new SpotCheckDownloadError('other', `yt-dlp timed out after ${o.download_timeout_ms} ms`);
        if (r.exitCode !== 0) {
          throw new SpotCheckDownloadError(classifyDownloadError(r.stderr), errorLine(r));
        }
        const file = (await readdir(work)).find((f) => !/\.(part|ytdl|temp)$/.test(f));
        if (file === undefined)
          throw new SpotCheckDownloadError('other', 'yt-dlp exited 0 but wrote no file');
        const output = join(dir, `${videoId}_${startS}_${endS}_${process.hrtime.bigint()}${extname(file)}`);
        await rename(join(work, file), output);
        return output;
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
