import {
  perUidScoresSchema,
  positiveWeights,
  type Reward,
  type ScoringStrategy,
  syncPerUid,
} from '@taonode/neuron';
import { z } from 'zod';
import { updateScore } from './scoreUpdate.js';

const entrySchema = z.object({ verified: z.boolean(), responseTime: z.number() });

/** Each uid's SN2 score, and each circuit's evaluation store (one latest answer per uid, spec §4.4). */
export const sn2ScoreStateSchema = perUidScoresSchema.extend({
  /** circuit name → uid (as text) → the uid's latest response. */
  evaluation: z.record(z.string(), z.record(z.string(), entrySchema)),
});
export type Sn2ScoreState = z.infer<typeof sn2ScoreStateSchema>;

/** What the SN2 validator reports per uid: an answer it checked, or a uid it may not ask. */
export type Sn2Result = Reward &
  (
    | {
        kind: 'answer';
        circuit: string;
        verified: boolean;
        /** The dendrite's process_time in seconds; null when the call failed. */
        responseTime: number | null;
      }
    | { kind: 'not_queryable' }
  );

/** The score file versions before 0.2 kept beside the runtime's own (`<state_dir>/sn2-validator.json`). */
export const SN2_LEGACY_STATE_FILE = 'sn2-validator.json';
const legacySchema = sn2ScoreStateSchema.extend({ version: z.literal(1) });

/**
 * SN2's score rule as the runtime's scoring strategy (spec §4.4, §5.3): each answer moves the
 * uid's score with the circuit's integer arithmetic (10% towards its latency target when verified,
 * −40% when not); a uid with validator-sized stake, never asked, is set to 0. Weights are the
 * positive scores. Exact, whatever `--neuron.moving_average_alpha` says (SN2 does not use it).
 */
export function sn2Scoring(opts: { timeoutSeconds: number }): ScoringStrategy<Sn2ScoreState, Sn2Result> {
  return {
    kind: 'sn2-circuit-score',
    schema: sn2ScoreStateSchema,
    initial: () => ({ hotkeys: [], scores: [], evaluation: {} }),
    sync: (state, hotkeys) =>
      syncPerUid(state, hotkeys, (uid) => {
        for (const store of Object.values(state.evaluation)) delete store[String(uid)];
      }),
    update(state, results) {
      for (const r of results) {
        if (!Number.isInteger(r.uid) || r.uid < 0 || r.uid >= state.scores.length) continue;
        state.scores[r.uid] = r.kind === 'answer' ? updateScore(state, r, opts).next : 0;
      }
    },
    weights: (state) => positiveWeights(state.scores),
    scores: (state) => state.scores,
    migrate: {
      legacyFile: SN2_LEGACY_STATE_FILE,
      from({ legacy, runtime }) {
        const parsed = legacySchema.safeParse(legacy);
        if (parsed.success) {
          const { hotkeys, scores, evaluation } = parsed.data;
          return { hotkeys, scores, evaluation };
        }
        return runtime ? { ...runtime, evaluation: {} } : undefined;
      },
    },
  };
}
