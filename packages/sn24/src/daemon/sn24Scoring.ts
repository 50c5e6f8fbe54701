import { type PerUidScores, perUidStrategy, type Reward, type ScoringStrategy } from '@taonode/neuron';
import { z } from 'zod';
import { updateMovingAverage } from '../scoring/movingAverage.js';

/** The score file versions before 0.2 kept beside the runtime's own (`<state_dir>/sn24-validator.json`). */
export const SN24_LEGACY_STATE_FILE = 'sn24-validator.json';

const legacySchema = z.object({
  version: z.literal(1),
  hotkeys: z.array(z.string()),
  scores: z.array(z.number()),
});

/**
 * SN24's score rule as the runtime's scoring strategy (spec §5.6): `s ← α·r + (1−α)·s` with the
 * reward as it is — negative after a −5 punishment — and no update at all for a null reward (the
 * step could not judge the miner). Weights are the positive scores (§5.7: negative ones weigh 0).
 */
export function sn24Scoring(alpha: number): ScoringStrategy<PerUidScores, Reward> {
  return perUidStrategy({
    kind: 'sn24-signed-moving-average',
    update(state, rewards) {
      state.scores = updateMovingAverage(state.scores, rewards, alpha);
    },
    migrate: {
      legacyFile: SN24_LEGACY_STATE_FILE,
      from({ legacy, runtime }) {
        const parsed = legacySchema.safeParse(legacy);
        if (parsed.success && parsed.data.hotkeys.length === parsed.data.scores.length) {
          return { hotkeys: parsed.data.hotkeys, scores: parsed.data.scores };
        }
        return runtime;
      },
    },
  });
}
