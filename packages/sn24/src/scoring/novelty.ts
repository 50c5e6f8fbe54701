import type { VectorIndex } from '@taonode/store';
import { DIFFERENCE_THRESHOLD, SIMILARITY_THRESHOLD } from '../constants.js';
import { cos, type Vec } from './vectors.js';

/**
 * Spec §5.2 step 6: drop item i when any *later* item has cos(video_i, video_j) > 0.95, so of a
 * group of near-duplicates the last one stays. Returns the kept indices.
 */
export function dedupeInBatch(videoEmbs: readonly Vec[], threshold = SIMILARITY_THRESHOLD): number[] {
  const kept: number[] = [];
  for (let i = 0; i < videoEmbs.length; i++) {
    let dup = false;
    for (let j = i + 1; j < videoEmbs.length && !dup; j++)
      dup = cos(videoEmbs[i]!, videoEmbs[j]!) > threshold;
    if (!dup) kept.push(i);
  }
  return kept;
}

/** Step 7: `1 − max_{j>i} cos(video_i, video_j)`; the last item gets 1.0. */
export function localNovelty(videoEmbs: readonly Vec[]): number[] {
  return videoEmbs.map((v, i) => {
    let best = Number.NEGATIVE_INFINITY;
    for (let j = i + 1; j < videoEmbs.length; j++) best = Math.max(best, cos(v, videoEmbs[j]!));
    return best === Number.NEGATIVE_INFINITY ? 1 : 1 - best;
  });
}

/**
 * Step 8 against our own index: `1 − top-1 cosine`. With no match at all the reference API says
 * 0, which rejects everything while the index is empty (spec §8 item 5); `noMatch` sets that
 * value (our validators use 1: nothing stored is like it).
 */
export async function globalNovelty(
  index: VectorIndex,
  videoEmbs: readonly Vec[],
  noMatch: number,
): Promise<number[]> {
  if (videoEmbs.length === 0) return [];
  const results = await index.queryMany(videoEmbs, { topK: 1 });
  return results.map(([best]) => (best === undefined ? noMatch : 1 - best.score));
}

/**
 * Steps 8–9, aligned by item (the reference zips two lists of different lengths): items with
 * local novelty ≥ 0.1 are looked up globally, `novelty = min(local, global)`, and items below
 * 0.1 are dropped. Returns the kept indices and their novelty. Throws if the index does.
 */
export async function noveltyFilter(
  index: VectorIndex,
  videoEmbs: readonly Vec[],
  noMatch: number,
): Promise<{ kept: number[]; novelty: number[] }> {
  const local = localNovelty(videoEmbs);
  const ask = local.flatMap((l, i) => (l >= DIFFERENCE_THRESHOLD ? [i] : []));
  const global = await globalNovelty(
    index,
    ask.map((i) => videoEmbs[i]!),
    noMatch,
  );
  const novelty = local.map((l) => l);
  ask.forEach((i, k) => {
    novelty[i] = Math.min(local[i]!, global[k]!);
  });
  const kept = novelty.flatMap((n, i) => (n >= DIFFERENCE_THRESHOLD ? [i] : []));
  return { kept, novelty: kept.map((i) => novelty[i]!) };
}
