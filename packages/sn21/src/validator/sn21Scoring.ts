import { z } from 'zod';
import { commitmentRepo, tryParseModelCommitment } from '../commitment/modelCommitment.js';
import { DEFAULT_POOL_OPTIONS, poolWeights, type ScoredUid } from '../scoring/poolWeights.js';
import { effectiveScores, REPUTATION_START, type Sn21State } from '../scoring/scoreState.js';

/** What one uid counts with in the two pools (spec §5.5), as the scoring strategy keeps it. */
export interface Sn21Entry {
  score: number;
  beatsBaseline: boolean;
  /** Commitment block: the earlier model ranks first among equal scores. */
  block: number;
  reputation: number;
}

/** A reward in the runtime's sense, plus the entry the SN21 strategy stores for the uid. */
export interface Sn21Reward {
  uid: number;
  /** The model's effective score (penalties and copies applied); 0 without a scored model. */
  reward: number;
  /** For logs and the dashboard: which model, its score, the baseline, the reputation. */
  components: {
    model: string | null;
    score: number | null;
    baseline: number | null;
    reputation: number;
    beatsBaseline: boolean;
    penalty: string | null;
  };
  /** null: the uid has no scored model (it gets no weight). */
  entry: Sn21Entry | null;
}

/**
 * One reward per uid of the metagraph from the validator's SN21 state: every uid, every step, so the
 * strategy's copy always mirrors the state (a vanished commitment drops to no entry, a copy found
 * later loses its score).
 */
export function sn21Rewards(state: Sn21State, hotkeys: readonly string[]): Sn21Reward[] {
  const eff = new Map(effectiveScores(state).map((e) => [e.hotkey, e]));
  return hotkeys.map((hotkey, uid) => {
    const m = state.models[hotkey];
    const e = eff.get(hotkey);
    const reputation = state.reputations[hotkey] ?? REPUTATION_START;
    const parsed = m ? tryParseModelCommitment(m.commitment) : undefined;
    const model = parsed?.ok
      ? `${commitmentRepo(parsed.commitment)}@${parsed.commitment.commit.slice(0, 12)}`
      : null;
    const entry =
      e === undefined ? null : { score: e.score, beatsBaseline: e.beatsBaseline, block: e.block, reputation };
    return {
      uid,
      reward: e?.score ?? 0,
      components: {
        model,
        score: m?.score ?? null,
        baseline: m?.baseline ?? null,
        reputation,
        beatsBaseline: e?.beatsBaseline ?? false,
        penalty: e?.penalty ?? m?.penalty?.code ?? null,
      },
      entry,
    };
  });
}

const entrySchema = z.object({
  score: z.number(),
  beatsBaseline: z.boolean(),
  block: z.number().int().nonnegative(),
  reputation: z.number().min(0).max(1),
});

/** The strategy's persisted state: per uid, the hotkey it belongs to and its two-pool entry. */
export const sn21ScoresSchema = z.object({
  hotkeys: z.array(z.string().nullable()),
  entries: z.array(entrySchema.nullable()),
});
export type Sn21Scores = z.infer<typeof sn21ScoresSchema>;

export interface Sn21StrategyOptions {
  /** The uid that receives the above pool's 75 % when no model beats the baseline. */
  burnUid(mg: { hotkeys: readonly string[]; ownerHotkey?: string | undefined }): number;
}

/**
 * SN21's scoring strategy in the runtime's shape (kind, schema, initial, sync, update, weights,
 * scores): each step's rewards replace each uid's entry (no moving average: a model's score is its
 * latest evaluation, spec §8.3), weights come from the two pools. Reputations live with the model
 * records (the plug-in's state slot) and arrive in the entries.
 */
export function sn21ScoringStrategy(options: Sn21StrategyOptions) {
  return {
    kind: 'sn21-two-pool',
    schema: sn21ScoresSchema,
    initial: (): Sn21Scores => ({ hotkeys: [], entries: [] }),
    sync(state: Sn21Scores, hotkeys: readonly string[]): number[] {
      const reset: number[] = [];
      state.hotkeys.length = Math.min(state.hotkeys.length, hotkeys.length);
      state.entries.length = Math.min(state.entries.length, hotkeys.length);
      hotkeys.forEach((hotkey, uid) => {
        const before = state.hotkeys[uid];
        if (before === hotkey) return;
        if (before != null && state.entries[uid] != null) reset.push(uid);
        state.hotkeys[uid] = hotkey;
        state.entries[uid] = null;
      });
      return reset;
    },
    update(state: Sn21Scores, rewards: readonly Sn21Reward[]): void {
      for (const r of rewards) {
        if (r.uid < 0 || r.uid >= state.entries.length) continue;
        state.entries[r.uid] = r.entry;
      }
    },
    weights(
      state: Sn21Scores,
      ctx: { metagraph: { hotkeys: readonly string[]; ownerHotkey?: string | undefined } },
    ): { uids: number[]; weights: number[] } {
      const n = ctx.metagraph.hotkeys.length;
      if (n === 0) return { uids: [], weights: [] };
      const scored: ScoredUid[] = [];
      state.entries.forEach((e, uid) => {
        if (e != null && uid < n) scored.push({ uid, ...e });
      });
      const w = poolWeights(n, scored, { ...DEFAULT_POOL_OPTIONS, burnUid: options.burnUid(ctx.metagraph) });
      const uids: number[] = [];
      const weights: number[] = [];
      w.forEach((x, uid) => {
        if (x > 0) {
          uids.push(uid);
          weights.push(x);
        }
      });
      return { uids, weights };
    },
    scores: (state: Sn21Scores): number[] => state.entries.map((e) => e?.score ?? 0),
  };
}

/**
 * The burn uid (spec §5.5: the reference's 111 on mainnet): `configured` when it is a uid of the
 * subnet, else the subnet owner's uid, else 0.
 */
export function resolveBurnUid(
  configured: number | undefined,
  mg: { hotkeys: readonly string[]; ownerHotkey?: string | undefined },
): number {
  if (configured !== undefined && configured >= 0 && configured < mg.hotkeys.length) return configured;
  const owner = mg.ownerHotkey === undefined ? -1 : mg.hotkeys.indexOf(mg.ownerHotkey);
  return Math.max(owner, 0);
}
