import {
  DESCRIPTION_LENGTH_WEIGHT,
  DESCRIPTION_RELEVANCE_SCALING_FACTOR,
  MAX_LENGTH_BOOST_TOKEN_COUNT,
  MIN_LENGTH_BOOST_TOKEN_COUNT,
  MIN_SCORE,
  NUM_VIDEOS,
  QUERY_RELEVANCE_SCALING_FACTOR,
  TEXT_QUERY_CAP,
  VIDEO_RELEVANCE_WEIGHT,
} from '../constants.js';
import { cos, type Vec } from './vectors.js';

/** `QR = (cos(video, q) + cos(audio, q) + min(0.5, gte²)) / 3` (spec §5.3). */
export function queryRelevance(videoEmb: Vec, audioEmb: Vec, queryEmb: Vec, gteCosine: number): number {
  const tq = Math.min(TEXT_QUERY_CAP, gteCosine * gteCosine);
  return (cos(videoEmb, queryEmb) + cos(audioEmb, queryEmb) + tq) / 3;
}

/** `DR = 0.65·cos(video, description) + 0.35·cos(audio, description)`, before length scaling. */
export function descriptionRelevance(videoEmb: Vec, audioEmb: Vec, descriptionEmb: Vec): number {
  return (
    VIDEO_RELEVANCE_WEIGHT * cos(videoEmb, descriptionEmb) +
    (1 - VIDEO_RELEVANCE_WEIGHT) * cos(audioEmb, descriptionEmb)
  );
}

/**
 * Length scaling: ≤ 100 distinct tokens keeps 65 % of DR; from there credit grows with log2 of the
 * count until full credit at 300.
 */
export function lengthScaledRelevance(dr: number, uniqueTokens: number): number {
  if (uniqueTokens <= MIN_LENGTH_BOOST_TOKEN_COUNT) return dr * (1 - DESCRIPTION_LENGTH_WEIGHT);
  const lo = Math.log2(MIN_LENGTH_BOOST_TOKEN_COUNT);
  const hi = Math.log2(MAX_LENGTH_BOOST_TOKEN_COUNT);
  const l = (Math.min(hi, Math.log2(uniqueTokens)) - lo) / (hi - lo);
  return dr - dr * DESCRIPTION_LENGTH_WEIGHT * (1 - l);
}

/**
 * Distinct token ids of a description tokenized with a 1,024 context: padding (0) and the first
 * and last non-zero tokens (SOT/EOT) excluded.
 */
export function uniqueTokenCount(tokenIds: ArrayLike<number>): number {
  const ids = Array.from(tokenIds).filter((t) => t !== 0);
  return new Set(ids.slice(1, -1)).size;
}

/** `max((0.7·ΣDR + 1.3·ΣQR) / 2 / N, 0.005)` with N the requested count, not the kept count. */
export function aggregateScore(
  drs: readonly number[],
  qrs: readonly number[],
  numVideos = NUM_VIDEOS,
): number {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const score =
    (DESCRIPTION_RELEVANCE_SCALING_FACTOR * sum(drs) + QUERY_RELEVANCE_SCALING_FACTOR * sum(qrs)) /
    2 /
    numVideos;
  return Math.max(score, MIN_SCORE);
}
