import { z } from 'zod';
import type { PerUidScores, Reward, ScoringStrategy, WeightVector } from './scoringStrategy.js';

export const perUidScoresSchema = z.object({
  hotkeys: z.array(z.string().nullable()),
  scores: z.array(z.number().finite()),
});

/**
 * Aligns per-uid state with the metagraph: resizes, and zeroes every uid whose hotkey changed
 * (deregistered, someone else registered). Calls `onReset(uid)` for each, so a strategy can drop
 * its own per-uid data too. Returns the uids that had a non-zero score and were reset.
 */
export function syncPerUid(
  state: PerUidScores,
  current: readonly string[],
  onReset?: (uid: number) => void,
): number[] {
  const reset: number[] = [];
  for (let uid = 0; uid < current.length; uid++) {
    const known = state.hotkeys[uid];
    if (known === current[uid]) continue;
    if (known !== undefined && known !== null && (state.scores[uid] ?? 0) !== 0) reset.push(uid);
    state.scores[uid] = 0;
    state.hotkeys[uid] = current[uid]!;
    onReset?.(uid);
  }
  state.hotkeys.length = current.length;
  state.scores.length = current.length;
  for (let uid = 0; uid < current.length; uid++) state.scores[uid] ??= 0;
  return reset;
}

/** Positive scores as weights over every uid that has one (negative scores weigh 0). */
export function positiveWeights(scores: readonly number[]): WeightVector {
  const uids: number[] = [];
  const weights: number[] = [];
  const total = scores.reduce((a, b) => a + Math.max(b, 0), 0);
  if (total <= 0) return { uids, weights };
  scores.forEach((s, uid) => {
    if (s > 0) {
      uids.push(uid);
      weights.push(s / total);
    }
  });
  return { uids, weights };
}

/**
 * A strategy over the plain per-uid shape: the schema, sync (reset on a new hotkey), positive-score
 * weights and scores are the usual ones; the caller says how rewards move a score and what older
 * files to read.
 */
export function perUidStrategy<R extends Reward = Reward>(spec: {
  kind: string;
  update: (state: PerUidScores, rewards: readonly R[]) => void;
  migrate?: ScoringStrategy<PerUidScores, R>['migrate'];
}): ScoringStrategy<PerUidScores, R> {
  return {
    kind: spec.kind,
    schema: perUidScoresSchema,
    initial: () => ({ hotkeys: [], scores: [] }),
    sync: (state, hotkeys) => syncPerUid(state, hotkeys),
    update: (state, rewards) => spec.update(state, rewards),
    weights: (state) => positiveWeights(state.scores),
    scores: (state) => state.scores,
    ...(spec.migrate ? { migrate: spec.migrate } : {}),
  };
}
