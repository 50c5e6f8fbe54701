import {
  LOW_QUALITY_RATIO,
  MAX_CHUNKS,
  MAX_LOW_QUALITY_CHUNKS,
  MAX_REALLY_BAD_CHUNKS,
  REALLY_BAD_SIMILARITY,
  UNSTUFFER_CONFIDENCE,
} from '../constants.js';
import { cos, type Vec } from './vectors.js';

/** The unstuffer classifier's answer for one description (label "1" = clean). */
export interface UnstufferResult {
  stuffed: boolean;
  confidence: number;
}

/** Step 10: punish (−5) when any description is classified stuffed with confidence > 0.75. */
export function unstufferPunishes(results: readonly UnstufferResult[]): boolean {
  return results.some((r) => r.stuffed && r.confidence > UNSTUFFER_CONFIDENCE);
}

export interface ChunkStats {
  lowQuality: number;
  reallyBad: number;
  total: number;
}

/**
 * Step 11 for one item: each ≤60-token description chunk scores
 * `s_c = (cos(video, chunk) + cos(audio, chunk)) / 2`; counts the chunks below 0.6 × best and
 * below 0.12. One chunk or none gives zeros.
 */
export function chunkStats(videoEmb: Vec, audioEmb: Vec, chunkEmbs: readonly Vec[]): ChunkStats {
  if (chunkEmbs.length <= 1) return { lowQuality: 0, reallyBad: 0, total: 0 };
  const s = chunkEmbs.map((c) => (cos(videoEmb, c) + cos(audioEmb, c)) / 2);
  const best = Math.max(...s);
  return {
    lowQuality: s.filter((x) => x < LOW_QUALITY_RATIO * best).length,
    reallyBad: s.filter((x) => x < REALLY_BAD_SIMILARITY).length,
    total: s.length,
  };
}

/** Step 11's punishment: any item with more than 5 really bad or at least 16 low-quality chunks. */
export function chunksPunish(stats: readonly ChunkStats[]): boolean {
  return stats.some((c) => c.reallyBad > MAX_REALLY_BAD_CHUNKS || c.lowQuality > MAX_LOW_QUALITY_CHUNKS);
}

/** Step 12: an item survives when unflagged by the unstuffer, ≤ 15 low-quality and ≤ 50 chunks. */
export function survivesStuffingFilter(unstuffer: UnstufferResult, stats: ChunkStats): boolean {
  return !unstuffer.stuffed && stats.lowQuality <= MAX_LOW_QUALITY_CHUNKS && stats.total <= MAX_CHUNKS;
}
