import type { z } from 'zod';
import type { NeuronMetagraph } from '../chainPort/types.js';

/** What a subnet reports about one uid's answer besides its reward (for logs and dashboards). */
export type RewardComponents = Readonly<Record<string, number | string | boolean | null>>;

export interface Reward {
  uid: number;
  /**
   * This step's reward, normally 0..1 (the default strategy counts a negative or NaN one as 0);
   * null: this step could not judge the uid, its score stays as it was.
   */
  reward: number | null;
  /** The parts the reward was made from, e.g. `{ verified: true, responseTime: 1.2, proofSize: 800 }`. */
  components?: RewardComponents;
}

export interface WeightVector {
  uids: number[];
  weights: number[];
}

/**
 * How a validator turns per-step rewards into lasting scores and weights. The runtime owns the
 * state (`S`): it creates it, hands it to these functions, persists it atomically after every step
 * in the validator's one state file (with the step counter and the last weights) and loads it on
 * start. A plug-in picks a strategy or writes its own; it never keeps a score file of its own.
 */
export interface ScoringStrategy<S, R extends Reward = Reward> {
  /** Names the persisted shape; a saved state of another kind starts fresh (with a log line). */
  readonly kind: string;
  readonly schema: z.ZodType<S>;
  initial(): S;
  /**
   * Follows the metagraph before each step (and before weights): resize to its uids and forget a
   * uid whose hotkey changed. Changes `state` in place; returns the uids that were reset.
   */
  sync(state: S, hotkeys: readonly string[]): number[];
  /**
   * Applies one step's rewards (uids outside the state are ignored): changes `state` in place, or
   * returns the new state (for rules written as pure functions, e.g. SN21's `recordScore`).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: either changes in place (returns nothing) or returns the state
  update(state: S, rewards: readonly R[], ctx: { metagraph: NeuronMetagraph; step: number }): S | void;
  /** The weights to submit (the chain normalises them; an empty vector sets nothing). */
  weights(state: S, ctx: { metagraph: NeuronMetagraph }): WeightVector;
  /** One number per uid, the "moving score" logs, the demo table and dashboards show. */
  scores(state: S): readonly number[];
  /**
   * Reading what an older version wrote: `runtime` is the v1 `validator-state.json` (hotkeys and the
   * runtime's own moving average), `legacy` the subnet's own score file named `legacyFile` (parsed
   * JSON) when it exists. Returns undefined when nothing usable is there.
   */
  migrate?: {
    legacyFile?: string;
    from(input: { runtime?: PerUidScores; legacy?: unknown }): S | undefined;
  };
}

/** The per-uid shape most strategies build on: the hotkey each score belongs to, and the score. */
export interface PerUidScores {
  hotkeys: (string | null)[];
  scores: number[];
}
