import { TaonodeError } from '@taonode/kit';
import { CHECK_PROBABILITY, SIMILARITY_THRESHOLD } from '../constants.js';
import type { VideoMetadata } from '../protocol.js';
import { cos, type Vec } from './vectors.js';

/** Why a validator's spot-check download failed (spec §5.2 step 4). */
export type DownloadFailure = 'ip_blocked' | 'fake' | 'other';

/** Thrown by a `downloadAndEmbed` implementation; `kind` decides what the spot check does next. */
export class SpotCheckDownloadError extends TaonodeError {
  constructor(
    readonly kind: DownloadFailure,
    message: string,
  ) {
    super(message, { details: { kind } });
  }
}

const IP_BLOCKED = ['Your IP is likely being blocked by Youtube', 'Requested format is not available'];
const FAKE = ['Video unavailable', 'is not a valid URL', 'Incomplete YouTube ID', 'Unsupported URL'];

/** Classifies a yt-dlp error message the way the reference validator does. */
export function classifyDownloadError(message: string): DownloadFailure {
  if (IP_BLOCKED.some((s) => message.includes(s))) return 'ip_blocked';
  if (FAKE.some((s) => message.includes(s))) return 'fake';
  return 'other';
}

/** Every pair strictly above the 0.95 cosine threshold. */
export function embeddingsMatch(
  pairs: readonly (readonly [Vec, Vec])[],
  threshold = SIMILARITY_THRESHOLD,
): boolean {
  return pairs.every(([a, b]) => cos(a, b) > threshold);
}

export interface Recomputed {
  video: Vec;
  audio: Vec;
  description: Vec;
}

export interface SpotCheckDeps {
  /** Uniform in [0, 1). */
  rng: () => number;
  /** ImageBind v2 text embedding (chunked mean) of a description or topic. */
  embedText: (text: string) => Promise<Vec>;
  /** Download [start, end] and recompute all three embeddings; absent ⇒ description-only always. */
  downloadAndEmbed?: (item: VideoMetadata) => Promise<Recomputed>;
}

export type SpotCheckOutcome =
  | { result: 'pass'; mode: 'description' | 'download'; item: number }
  | { result: 'fail'; mode: 'description' | 'download'; item: number }
  | { result: 'fake'; item: number };

/** A uniform index in [0, n) from one draw (clamped, should the rng ever return 1). */
export const pickIndex = (n: number, rng: () => number) => Math.min(n - 1, Math.floor(rng() * n));

/**
 * Spec §5.2 step 4: with probability 0.1 download random items until one works and require all
 * three recomputed embeddings to match (cos > 0.95); a fake video ends it at once. An IP block,
 * or every download failing, falls back to the check the other 90 % get: re-embed one random
 * description and compare it with the submitted `description_emb`.
 */
export async function runSpotCheck(
  items: readonly VideoMetadata[],
  deps: SpotCheckDeps,
): Promise<SpotCheckOutcome> {
  // The draw is made even without a downloader, so a seeded rng picks the same items either way.
  const download = deps.rng() < CHECK_PROBABILITY;
  if (download && deps.downloadAndEmbed !== undefined) {
    const left = items.map((_, i) => i);
    while (left.length > 0) {
      const i = left.splice(pickIndex(left.length, deps.rng), 1)[0]!;
      const item = items[i]!;
      let got: Recomputed;
      try {
        got = await deps.downloadAndEmbed(item);
      } catch (err) {
        const kind = err instanceof SpotCheckDownloadError ? err.kind : 'other';
        if (kind === 'fake') return { result: 'fake', item: i };
        if (kind === 'ip_blocked') break;
        continue;
      }
      const ok = embeddingsMatch([
        [got.video, item.video_emb],
        [got.audio, item.audio_emb],
        [got.description, item.description_emb],
      ]);
      return { result: ok ? 'pass' : 'fail', mode: 'download', item: i };
    }
  }
  const i = pickIndex(items.length, deps.rng);
  const item = items[i]!;
  const emb = await deps.embedText(item.description);
  const ok = embeddingsMatch([[emb, item.description_emb]]);
  return { result: ok ? 'pass' : 'fail', mode: 'description', item: i };
}
