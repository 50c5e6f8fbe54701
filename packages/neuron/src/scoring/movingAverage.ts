import { perUidStrategy } from './perUidScores.js';
import type { PerUidScores, Reward, ScoringStrategy } from './scoringStrategy.js';

/**
 * The runtime's default: `score ← α·reward + (1 − α)·score` per rewarded uid; a negative or NaN
 * reward counts as 0, a null one leaves the score alone; weights are the positive scores.
 */
export function movingAverage(alpha: number): ScoringStrategy<PerUidScores, Reward> {
  return perUidStrategy({
    kind: 'moving-average',
    update(state, rewards) {
      for (const { uid, reward } of rewards) {
        if (reward === null || !Number.isInteger(uid) || uid < 0 || uid >= state.scores.length) continue;
        const r = Number.isFinite(reward) && reward > 0 ? reward : 0;
        state.scores[uid] = alpha * r + (1 - alpha) * (state.scores[uid] ?? 0);
      }
    },
    migrate: { from: ({ runtime }) => runtime },
  });
}
