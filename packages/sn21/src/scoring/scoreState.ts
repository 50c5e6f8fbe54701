import { z } from 'zod';
import { parseModelCommitment } from '../commitment/modelCommitment.js';
import {
  CommitmentFormatError,
  type Disposition,
  FAILED_SCORE,
  PENALTY_SCORE,
  WrongCompetitionError,
} from '../errors.js';
import { DEFAULT_POOL_OPTIONS, type PoolWeightOptions, poolWeights, type ScoredUid } from './poolWeights.js';

const penaltySchema = z.object({ code: z.string(), score: z.number(), reason: z.string() });

const modelRecordSchema = z.object({
  uid: z.number().int().nonnegative(),
  /** The commitment text as read from chain. */
  commitment: z.string(),
  /** Block of the commitment (orders copies: the earliest keeps its score). */
  block: z.number().int().nonnegative(),
  revision: z.string().optional(),
  /** Content hash of the model files, once downloaded. */
  contentHash: z.string().optional(),
  /** Mean cosine of the last evaluation. */
  score: z.number().optional(),
  /** The baseline model's score on the same rows. */
  baseline: z.number().optional(),
  /** Set when the last evaluation failed for the miner's fault; replaces the score. */
  penalty: penaltySchema.optional(),
  /** Row-selection seed of the last evaluation. */
  seed: z.string().optional(),
  evaluatedAtMs: z.number().optional(),
  /** Consecutive evaluations that ended in a retry (hub or dataset trouble). */
  retries: z.number().int().nonnegative().default(0),
  lastRetry: z.string().optional(),
});
export type ModelRecord = z.infer<typeof modelRecordSchema>;

/** Everything an SN21 validator must keep across restarts (persist it atomically). */
export const sn21StateSchema = z.object({
  version: z.literal(1),
  competition: z.string(),
  /** By hotkey SS58. */
  models: z.record(z.string(), modelRecordSchema),
  /** Reputation in [0, 1] by hotkey (spec §5.5); new hotkeys start at 0.5. */
  reputations: z.record(z.string(), z.number().min(0).max(1)),
  /** The baseline model's latest evaluation. */
  baseline: z.object({ score: z.number(), seed: z.string(), atMs: z.number() }).optional(),
  /** The last epoch whose reputation step was applied (one step per epoch, `reputationsForEpoch`). */
  reputationEpoch: z.number().int().optional(),
});
export type Sn21State = z.infer<typeof sn21StateSchema>;

export const REPUTATION_START = 0.5;
export const REPUTATION_ALPHA = 0.005;

export function emptySn21State(competition: string): Sn21State {
  return { version: 1, competition, models: {}, reputations: {} };
}

export function parseSn21State(json: unknown): Sn21State {
  return sn21StateSchema.parse(json);
}

export interface OnChainCommitment {
  hotkey: string;
  uid: number;
  block: number;
  text: string;
}

export interface SyncResult {
  state: Sn21State;
  /** Hotkeys whose model is new or changed: evaluate them first. */
  changed: string[];
  /** Commitments that are no model pointer, with the reason (log them). */
  ignored: { hotkey: string; uid: number; reason: string }[];
}

/**
 * Brings the state in line with the subnet's commitments: a new or changed commitment (text or
 * block) starts a fresh record awaiting evaluation, a malformed one is ignored with its reason, one
 * for another competition is penalised (score 0), and models whose commitment is gone are dropped.
 */
export function syncCommitments(state: Sn21State, commitments: readonly OnChainCommitment[]): SyncResult {
  const next = structuredClone(state);
  const changed: string[] = [];
  const ignored: SyncResult['ignored'] = [];
  const seen = new Set<string>();
  for (const c of commitments) {
    let error: CommitmentFormatError | WrongCompetitionError | undefined;
    try {
      const parsed = parseModelCommitment(c.text);
      if (parsed.competition !== state.competition)
        error = new WrongCompetitionError(parsed.competition, state.competition);
    } catch (err) {
      if (!(err instanceof CommitmentFormatError)) throw err;
      error = err;
    }
    if (error instanceof CommitmentFormatError) {
      ignored.push({ hotkey: c.hotkey, uid: c.uid, reason: error.message });
      continue;
    }
    seen.add(c.hotkey);
    const old = next.models[c.hotkey];
    if (old && old.commitment === c.text && old.block === c.block) {
      old.uid = c.uid;
      continue;
    }
    next.models[c.hotkey] = {
      uid: c.uid,
      commitment: c.text,
      block: c.block,
      retries: 0,
      ...(error ? { penalty: { code: error.code, score: FAILED_SCORE, reason: error.message } } : {}),
    };
    if (!error) changed.push(c.hotkey);
  }
  for (const hotkey of Object.keys(next.models)) if (!seen.has(hotkey)) delete next.models[hotkey];
  return { state: next, changed, ignored };
}

/** Drops models and reputations of hotkeys no longer registered on the subnet. */
export function pruneDeregistered(state: Sn21State, registered: ReadonlySet<string>): Sn21State {
  const next = structuredClone(state);
  for (const h of Object.keys(next.models)) if (!registered.has(h)) delete next.models[h];
  for (const h of Object.keys(next.reputations)) if (!registered.has(h)) delete next.reputations[h];
  return next;
}

export interface EvaluatedModel {
  score: number;
  baseline: number;
  contentHash: string;
  revision: string;
  seed: string;
  atMs: number;
}

/** Stores a successful evaluation: it replaces whatever the model had. */
export function recordScore(state: Sn21State, hotkey: string, e: EvaluatedModel): Sn21State {
  const next = structuredClone(state);
  const m = next.models[hotkey];
  if (m === undefined) return next;
  next.models[hotkey] = {
    uid: m.uid,
    commitment: m.commitment,
    block: m.block,
    revision: e.revision,
    contentHash: e.contentHash,
    score: e.score,
    baseline: e.baseline,
    seed: e.seed,
    evaluatedAtMs: e.atMs,
    retries: 0,
  };
  return next;
}

/** What recordFailure needs of an error (an Sn21Error fits). */
export interface FailureLike {
  code: string;
  message: string;
  disposition: Disposition;
  penaltyScore?: number | undefined;
}

/**
 * Stores a failed evaluation. A penalty replaces the score (a failed evaluation lowers the score,
 * fixing spec §8.3); a retry keeps the previous score, until `maxRetries` retries in a row turn it
 * into a penalty of 0 (a model that always breaks the pipeline cannot keep an old score forever).
 */
export function recordFailure(
  state: Sn21State,
  hotkey: string,
  error: FailureLike,
  options: { atMs: number; contentHash?: string; maxRetries?: number },
): Sn21State {
  const next = structuredClone(state);
  const m = next.models[hotkey];
  if (m === undefined) return next;
  if (error.disposition === 'ignore') {
    delete next.models[hotkey];
    return next;
  }
  if (error.disposition === 'retry' || error.disposition === 'usage') {
    m.retries += 1;
    m.lastRetry = error.message;
    if (m.retries <= (options.maxRetries ?? 3)) return next;
  }
  const penalty =
    error.disposition === 'penalty'
      ? { code: error.code, score: error.penaltyScore ?? FAILED_SCORE, reason: error.message }
      : { code: 'RETRIES_EXHAUSTED', score: FAILED_SCORE, reason: `${m.retries} retries: ${error.message}` };
  next.models[hotkey] = {
    uid: m.uid,
    commitment: m.commitment,
    block: m.block,
    ...(options.contentHash ? { contentHash: options.contentHash } : {}),
    penalty,
    evaluatedAtMs: options.atMs,
    retries: 0,
  };
  return next;
}

export interface EffectiveScore {
  hotkey: string;
  uid: number;
  score: number;
  beatsBaseline: boolean;
  block: number;
  /** Set when the model's content equals an earlier commitment's: it gets the penalty score. */
  copyOf?: string;
  penalty?: string;
}

/**
 * The score each model counts with: a penalty's score, or the evaluated score — except that a
 * model whose content hash equals one committed earlier (lower block; then lower uid) is a copy
 * and gets the penalty score; the earliest keeps its own (fixes spec §8.2).
 */
export function effectiveScores(state: Sn21State): EffectiveScore[] {
  const entries = Object.entries(state.models);
  const original = new Map<string, [string, ModelRecord]>();
  for (const [hotkey, m] of entries) {
    if (m.contentHash === undefined) continue;
    const first = original.get(m.contentHash);
    if (
      first === undefined ||
      m.block < first[1].block ||
      (m.block === first[1].block && m.uid < first[1].uid)
    ) {
      original.set(m.contentHash, [hotkey, m]);
    }
  }
  const out: EffectiveScore[] = [];
  for (const [hotkey, m] of entries) {
    const base = { hotkey, uid: m.uid, block: m.block };
    if (m.penalty) {
      out.push({ ...base, score: m.penalty.score, beatsBaseline: false, penalty: m.penalty.code });
      continue;
    }
    if (m.score === undefined) continue;
    const first = m.contentHash === undefined ? undefined : original.get(m.contentHash);
    if (first && first[0] !== hotkey) {
      out.push({ ...base, score: PENALTY_SCORE, beatsBaseline: false, copyOf: first[0], penalty: 'COPY' });
      continue;
    }
    out.push({ ...base, score: m.score, beatsBaseline: m.baseline !== undefined && m.score > m.baseline });
  }
  return out.sort((a, b) => a.uid - b.uid);
}

/**
 * One reputation step per weight round (spec §5.5): every model with a score moves its hotkey's
 * reputation by α towards 1 if it beats the baseline, towards 0 if not; hotkeys without a score
 * keep theirs; new hotkeys start at 0.5.
 */
export function updateReputations(state: Sn21State, alpha = REPUTATION_ALPHA): Sn21State {
  const next = structuredClone(state);
  for (const e of effectiveScores(state)) {
    const r = next.reputations[e.hotkey] ?? REPUTATION_START;
    next.reputations[e.hotkey] = (1 - alpha) * r + alpha * (e.beatsBaseline ? 1 : 0);
  }
  return next;
}

/**
 * One reputation step per epoch (the reference's cron, here once per tempo): applies
 * `updateReputations` when `epoch` is later than the last one applied and records it; the same
 * epoch again (a restart, the next step) changes nothing.
 */
export function reputationsForEpoch(state: Sn21State, epoch: number, alpha = REPUTATION_ALPHA): Sn21State {
  if (state.reputationEpoch !== undefined && epoch <= state.reputationEpoch) return state;
  // The first epoch seen only starts the count: nothing has been scored for a whole epoch yet.
  const next = state.reputationEpoch === undefined ? structuredClone(state) : updateReputations(state, alpha);
  next.reputationEpoch = epoch;
  return next;
}

/** The weight vector for `n` uids from the state (two pools, spec §5.5). */
export function stateWeights(
  state: Sn21State,
  n: number,
  options: Partial<PoolWeightOptions> = {},
): Float64Array {
  const scored: ScoredUid[] = effectiveScores(state).map((e) => ({
    uid: e.uid,
    score: e.score,
    beatsBaseline: e.beatsBaseline,
    block: e.block,
    reputation: state.reputations[e.hotkey] ?? REPUTATION_START,
  }));
  return poolWeights(n, scored, { ...DEFAULT_POOL_OPTIONS, ...options });
}

/**
 * Hotkeys to evaluate next: models never evaluated (earliest commitment first), then those whose
 * last evaluation is older than `reevaluateAfterMs` (oldest first), so scores keep up with new rows.
 */
export function modelsDue(state: Sn21State, options: { nowMs: number; reevaluateAfterMs: number }): string[] {
  const entries = Object.entries(state.models);
  const fresh = entries
    .filter(([, m]) => m.evaluatedAtMs === undefined && m.penalty === undefined)
    .sort(([, a], [, b]) => a.block - b.block || a.uid - b.uid)
    .map(([h]) => h);
  const stale = entries
    .filter(
      ([, m]) =>
        m.evaluatedAtMs !== undefined && options.nowMs - m.evaluatedAtMs >= options.reevaluateAfterMs,
    )
    .filter(([, m]) => m.penalty?.code !== 'WRONG_COMPETITION')
    .sort(([, a], [, b]) => (a.evaluatedAtMs ?? 0) - (b.evaluatedAtMs ?? 0))
    .map(([h]) => h);
  return [...fresh, ...stale];
}
