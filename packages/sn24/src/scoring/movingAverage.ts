import { MOVING_AVERAGE_ALPHA } from '../constants.js';

export interface RewardUpdate {
  uid: number;
  /** null: the step could not judge this miner (e.g. novelty service down); its score is kept. */
  reward: number | null;
}

/**
 * Spec §5.6: `scores[uid] ← α·r + (1−α)·scores[uid]` with α = 0.3; NaN rewards count as 0,
 * null rewards leave the score alone. Returns a new array; uids outside it are ignored.
 */
export function updateMovingAverage(
  scores: readonly number[],
  updates: readonly RewardUpdate[],
  alpha = MOVING_AVERAGE_ALPHA,
): number[] {
  const out = [...scores];
  for (const { uid, reward } of updates) {
    if (reward === null || uid < 0 || uid >= out.length) continue;
    const r = Number.isNaN(reward) ? 0 : reward;
    out[uid] = alpha * r + (1 - alpha) * out[uid]!;
  }
  return out;
}

/**
 * After a metagraph sync: a uid whose hotkey changed starts from 0, new uids start from 0 (not
 * the reference's aliasing of the old array), and a shrunk metagraph truncates.
 */
export function resyncScores(
  scores: readonly number[],
  oldHotkeys: readonly string[],
  newHotkeys: readonly string[],
): number[] {
  return newHotkeys.map((hk, uid) => (uid < scores.length && oldHotkeys[uid] === hk ? scores[uid]! : 0));
}
