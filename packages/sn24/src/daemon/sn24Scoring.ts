import {
  type PerUidScores,
  perUidStrategy,
  positiveWeights,
  type Reward,
  type ScoringStrategy,
} from '@taonode/neuron';
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
 * step could not judge the miner). Weights are the positive scores (§5.7: negative ones weigh 0),
 * mixed with the verified Focus purchases when Focus is on.
 */
export function sn24Scoring(
  alpha: number,
  /** The step's Focus transform (spec 5.7: `L1(scores)·(1 − share) + L1(focus)·share`), when Focus is on. */
  focus: () => ((scores: readonly number[]) => readonly number[]) | undefined = () => undefined,
): ScoringStrategy<PerUidScores, Reward> {
  const base = perUidStrategy({
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
  return {
    ...base,
    weights(state, ctx) {
      const target = focus();
      return target ? positiveWeights(target(state.scores)) : base.weights(state, ctx);
    },
    // What the weights follow is what the state file's `scores` shows (the demo's table, dashboards).
    scores(state) {
      const target = focus();
      return target ? target(state.scores) : state.scores;
    },
  };
}
