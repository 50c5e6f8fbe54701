import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { clipMedia, type Ffmpeg, probeMedia } from '@taonode/media';
import { z } from 'zod';
import { SpotCheckDownloadError } from '../scoring/spotCheck.js';
import { matchScore } from './textMatch.js';
import type { VideoCandidate, VideoSource } from './types.js';
import { isYoutubeLikeId, stableVideoId } from './videoId.js';

const VIDEO_EXTENSIONS = new Set(['.mp4', '.mkv', '.webm', '.mov', '.avi', '.m4v']);

/** Whether a folder source lists this file name as a video. */
export function isVideoFileName(name: string): boolean {
  return VIDEO_EXTENSIONS.has(extname(name).toLowerCase());
}

/** Optional `<video name>.json` beside a video: what a YouTube page would say about it. */
export const videoSidecarSchema = z.object({
  video_id: z.string().refine(isYoutubeLikeId, 'video_id must be 11 characters of [A-Za-z0-9_-]').optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  views: z.number().int().nonnegative().optional(),
});
export type VideoSidecar = z.infer<typeof videoSidecarSchema>;

export interface LocalFolderSourceOptions {
  dir: string;
  ff: Ffmpeg;
  /** `copy` (default): the reference's key-frame cut, identical bytes for miner and validator. */
  clipMode?: 'copy' | 'reencode';
  /** Told about files that are skipped (unreadable video, bad sidecar). */
  onWarning?: (message: string, details: Record<string, unknown>) => void;
}

export interface LocalVideo extends VideoCandidate {
  file: string;
}

interface CacheEntry {
  key: string;
  video: LocalVideo | undefined;
}

/** `videos/a.mp4` → `videos/a.json`. */
function sidecarPath(file: string): string {
  return `${file.slice(0, -extname(file).length)}.json`;
}

async function readSidecar(file: string, warn: LocalFolderSourceOptions['onWarning']): Promise<VideoSidecar> {
  const path = sidecarPath(file);
  if (!existsSync(path)) return {};
  try {
    const parsed = videoSidecarSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (parsed.success) return parsed.data;
    warn?.('ignoring a sidecar that does not match the schema', { path, issues: parsed.error.issues.length });
  } catch (err) {
    warn?.('ignoring an unreadable sidecar', { path, error: (err as Error).message });
  }
  return {};
}

/**
 * The embedded default video source: a folder of video files, each with an optional JSON sidecar
 * (title, description, views, video_id). Ids are stable (from the file name unless the sidecar
 * sets one); search ranks by words in common with title/description and falls back to any video.
 */
export function localFolderSource(options: LocalFolderSourceOptions): VideoSource & {
  list(): Promise<LocalVideo[]>;
} {
  const { dir, ff } = options;
  const cache = new Map<string, CacheEntry>();

  async function describe(file: string): Promise<LocalVideo | undefined> {
    const name = basename(file);
    try {
      const info = await probeMedia(ff, file);
      if (info.video === undefined) throw new Error('no video stream');
      const side = await readSidecar(file, options.onWarning);
      return {
        file,
        video_id: side.video_id ?? stableVideoId(name),
        title: side.title ?? name.slice(0, -extname(name).length),
        description: side.description ?? '',
        views: side.views ?? 0,
        durationS: info.durationS,
      };
    } catch (err) {
      options.onWarning?.('skipping a video ffprobe cannot read', { file, error: (err as Error).message });
      return undefined;
    }
  }

  async function list(): Promise<LocalVideo[]> {
    const names = (await readdir(dir)).filter(isVideoFileName).sort();
    const out: LocalVideo[] = [];
    for (const name of names) {
      const file = join(dir, name);
      const s = await stat(file).catch(() => undefined);
      if (!s?.isFile()) continue;
      // Sidecars may change without the video changing; their mtime is part of the key.
      const side = await stat(sidecarPath(file)).catch(() => undefined);
      const key = `${s.size}:${s.mtimeMs}:${side?.mtimeMs ?? 0}`;
      let entry = cache.get(file);
      if (entry?.key !== key) {
        entry = { key, video: await describe(file) };
        cache.set(file, entry);
      }
      if (entry.video) out.push(entry.video);
    }
    return out;
  }

  return {
    kind: 'local',
    list,
    async search(query, limit) {
      const ranked = (await list())
        .map((v) => ({ v, score: matchScore(query, v.title, v.description) }))
        .sort((a, b) => b.score - a.score || a.v.video_id.localeCompare(b.v.video_id));
      return ranked.slice(0, Math.max(0, limit)).map(({ v }) => ({
        video_id: v.video_id,
        title: v.title,
        description: v.description,
        views: v.views,
        durationS: v.durationS,
      }));
    },
    async downloadClip(videoId, { startS, endS }, outDir) {
      const video = (await list()).find((v) => v.video_id === videoId);
      if (video === undefined) {
        throw new SpotCheckDownloadError(
          'fake',
          `Video unavailable: ${videoId} is not in the local video folder`,
        );
      }
      if (!(startS >= 0 && endS > startS && startS < video.durationS)) {
        throw new SpotCheckDownloadError(
          'other',
          `clip [${startS}, ${endS}] is outside ${videoId} (${video.durationS.toFixed(1)} s)`,
        );
      }
      const output = join(
        outDir,
        `${videoId}_${startS}_${endS}_${process.hrtime.bigint()}${extname(video.file)}`,
      );
      try {
        await clipMedia(ff, { input: video.file, output, startS, endS, mode: options.clipMode ?? 'copy' });
      } catch (err) {
        throw new SpotCheckDownloadError('other', `cutting ${videoId} failed: ${(err as Error).message}`);
      }
      return output;
    },
  };
}
