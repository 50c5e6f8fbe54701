import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EMBEDDING_DIM, MAX_VIDEO_LENGTH, MIN_VIDEO_LENGTH, VALIDATOR_TIMEOUT } from '../constants.js';
import type { ImageBindEmbedder } from '../models/types.js';
import type { VideoMetadata } from '../protocol.js';
import type { VideoCandidate, VideoSource } from '../sources/types.js';
import { isYoutubeLikeId } from '../sources/videoId.js';

/** Why a search result did not become a clip (for the miner's log). */
export interface SkippedVideo {
  video_id: string;
  reason: string;
}

export interface AnswerVideosOptions {
  source: VideoSource;
  embedder: ImageBindEmbedder;
  /** Clips are written to a fresh folder under here and removed before returning. */
  workDir: string;
  /** Stop starting new videos after this many ms (default: the validator's 90 s budget). */
  budgetMs?: number;
  /** Search results asked for: 1.5 × num_videos as the reference. */
  searchFactor?: number;
  /** Default: title + blank line + description (the reference's; its customisation point). */
  describe?: (candidate: VideoCandidate) => string;
  onSkip?: (skipped: SkippedVideo) => void;
}

/** Reference clip choice: from 0 to min(duration, 120) s, whole seconds (the protocol's ints). */
export function chooseClip(durationS: number): { startS: number; endS: number } | undefined {
  const endS = Math.floor(Math.min(durationS, MAX_VIDEO_LENGTH));
  return Number.isFinite(endS) && endS >= MIN_VIDEO_LENGTH ? { startS: 0, endS } : undefined;
}

const defaultDescription = (c: VideoCandidate) =>
  c.description ? `${c.title}\n\n${c.description}` : c.title;

function usable(v: readonly number[] | undefined): v is number[] {
  return v !== undefined && v.length === EMBEDDING_DIM && v.every(Number.isFinite);
}

async function oneVideo(
  c: VideoCandidate,
  options: AnswerVideosOptions,
  dir: string,
): Promise<VideoMetadata | string> {
  if (!isYoutubeLikeId(c.video_id)) return 'video id is not 11 YouTube characters';
  const range = chooseClip(c.durationS);
  if (range === undefined) return `too short (${c.durationS} s < ${MIN_VIDEO_LENGTH} s)`;
  const clip = await options.source.downloadClip(c.video_id, range, dir);
  try {
    const description = (options.describe ?? defaultDescription)(c);
    const { video_emb, audio_emb } = await options.embedder.embedClip(clip);
    const [description_emb] = await options.embedder.embedTexts([description]);
    if (!usable(video_emb) || !usable(audio_emb) || !usable(description_emb)) {
      return `an embedding is not ${EMBEDDING_DIM} finite numbers`;
    }
    return {
      video_id: c.video_id,
      description,
      views: Math.max(0, Math.floor(c.views || 0)),
      start_time: range.startS,
      end_time: range.endS,
      video_emb,
      audio_emb,
      description_emb,
    };
  } finally {
    await rm(clip, { force: true });
  }
}

/**
 * The reference miner's `Videos` answer (spec §3.1): search 1.5 × num_videos candidates, then for
 * each until `numVideos` are done: clip [0, min(duration, 120)] s, describe it, embed video, audio
 * and description. A video that fails at any step is skipped with its reason; this never throws
 * for a bad video, and the clip files are always removed.
 */
export async function answerVideos(
  query: string,
  numVideos: number,
  options: AnswerVideosOptions,
): Promise<VideoMetadata[]> {
  const started = Date.now();
  const budgetMs = options.budgetMs ?? VALIDATOR_TIMEOUT * 1000;
  const want = Math.max(0, Math.floor(numVideos));
  if (want === 0) return [];
  const candidates = await options.source.search(query, Math.ceil(want * (options.searchFactor ?? 1.5)));
  const dir = await mkdtemp(join(options.workDir, 'sn24-clips-'));
  const out: VideoMetadata[] = [];
  const seen = new Set<string>();
  try {
    for (const c of candidates) {
      if (out.length >= want) break;
      if (Date.now() - started > budgetMs) {
        options.onSkip?.({ video_id: c.video_id, reason: 'time budget spent' });
        continue;
      }
      if (seen.has(c.video_id)) continue;
      seen.add(c.video_id);
      let result: VideoMetadata | string;
      try {
        result = await oneVideo(c, options, dir);
      } catch (err) {
        result = err instanceof Error ? err.message : String(err);
      }
      if (typeof result === 'string') options.onSkip?.({ video_id: c.video_id, reason: result });
      else out.push(result);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
