import { z } from 'zod';
import type { StressOutcome } from './stressTest.js';

/**
 * Spec §5.1 (V3): weight_raw = ((C/T)·60/128)^1.125 · s^8 · (1−e)^2 + U+·0.0001 − U−·0.0008.
 * C/T·60 is requests per minute at saturation (60 = the reference's MINER_REQUEST_TIMEOUT, a
 * constant of the formula here, whatever timeout the validator uses).
 */
export const WEIGHT_FORMULA = {
  rpmNormaliser: 128,
  rpmExponent: 1.125,
  similarityExponent: 8,
  successExponent: 2,
  userBonus: 0.0001,
  userPenalty: 0.0008,
} as const;

export interface MetricsPolicy {
  /** Metrics older than this stop earning (a miner that stopped serving is never re-tested). */
  maxAgeMs: number;
  /** A caught cheater earns nothing for this long, whatever later tests measure. */
  cheaterPenaltyMs: number;
}

export const DEFAULT_METRICS_POLICY: MetricsPolicy = {
  maxAgeMs: 24 * 3_600_000,
  cheaterPenaltyMs: 24 * 3_600_000,
};

export const minerMetricsSchema = z.object({
  hotkey: z.string().nullable(),
  /** C: concurrent requests of the last completed round of the last test. */
  count: z.number().nonnegative(),
  /** T: slowest success of that round, seconds. */
  seconds: z.number().nonnegative(),
  /** s: share of audited results that replayed. */
  similarity: z.number().min(0).max(1),
  /** e: error rate of that round. */
  errorRate: z.number().min(0).max(1),
  /** When the last test ended (ms since the epoch); null: never tested. */
  testedAt: z.number().nullable(),
  userSuccesses: z.number().int().nonnegative(),
  userFailures: z.number().int().nonnegative(),
  /** Until when the miner is paid nothing for cheating (ms); null: not caught. */
  cheaterUntil: z.number().nullable(),
  /** Why the last test ended as it did (for logs and the dashboard). */
  lastResult: z.string().nullable().default(null),
});
export type MinerMetrics = z.infer<typeof minerMetricsSchema>;

/** One entry per uid (index = uid). The runtime persists this atomically with the rest of its state. */
export const sn30MetricsSchema = z.object({ miners: z.array(minerMetricsSchema) });
export type Sn30Metrics = z.infer<typeof sn30MetricsSchema>;

export function emptyMinerMetrics(hotkey: string | null): MinerMetrics {
  return {
    hotkey,
    count: 0,
    seconds: 0,
    similarity: 0,
    errorRate: 0,
    testedAt: null,
    userSuccesses: 0,
    userFailures: 0,
    cheaterUntil: null,
    lastResult: null,
  };
}

export function initialMetrics(): Sn30Metrics {
  return { miners: [] };
}

/**
 * Follows the metagraph: one entry per uid; a uid whose hotkey changed (a new miner registered in
 * its place) starts from nothing, counters and cheater flag included. Returns the uids reset.
 */
export function syncMetrics(state: Sn30Metrics, hotkeys: readonly string[]): number[] {
  const reset: number[] = [];
  state.miners.length = Math.min(state.miners.length, hotkeys.length);
  for (let uid = 0; uid < hotkeys.length; uid++) {
    const m = state.miners[uid];
    if (m === undefined) state.miners[uid] = emptyMinerMetrics(hotkeys[uid]!);
    else if (m.hotkey !== hotkeys[uid]) {
      if (m.hotkey !== null) reset.push(uid);
      state.miners[uid] = emptyMinerMetrics(hotkeys[uid]!);
    }
  }
  return reset;
}

/** The entry of `uid` if it still belongs to `hotkey` (a test of a replaced hotkey is dropped). */
function entryOf(state: Sn30Metrics, uid: number, hotkey: string): MinerMetrics | undefined {
  const m = state.miners[uid];
  return m !== undefined && m.hotkey === hotkey ? m : undefined;
}

/**
 * Each test overwrites C, T, s, e (no moving average, as V3). A failed test zeroes them; a cheat
 * also starts the penalty. A discarded test (nothing judged) changes nothing.
 */
export function recordStressOutcome(
  state: Sn30Metrics,
  miner: { uid: number; hotkey: string },
  outcome: StressOutcome,
  now: number,
  policy: MetricsPolicy = DEFAULT_METRICS_POLICY,
): boolean {
  const m = entryOf(state, miner.uid, miner.hotkey);
  if (m === undefined || outcome.kind === 'discarded') return false;
  m.testedAt = now;
  if (outcome.kind === 'measured') {
    m.count = outcome.count;
    m.seconds = outcome.seconds;
    m.similarity = outcome.similarity;
    m.errorRate = outcome.errorRate;
    m.lastResult = `measured: ${outcome.count} in ${outcome.seconds.toFixed(2)} s, similarity ${outcome.similarity.toFixed(3)}`;
  } else {
    m.count = 0;
    m.seconds = 0;
    m.similarity = 0;
    m.errorRate = 0;
    m.lastResult = `failed: ${outcome.reason}`;
    if (outcome.cheater) m.cheaterUntil = now + policy.cheaterPenaltyMs;
  }
  return true;
}

/** A user request's result for one miner: a verified success earns the bonus, a failure the penalty. */
export function recordUserOutcome(
  state: Sn30Metrics,
  miner: { uid: number; hotkey: string },
  result: { ok: boolean; cheater?: boolean },
  now: number,
  policy: MetricsPolicy = DEFAULT_METRICS_POLICY,
): boolean {
  const m = entryOf(state, miner.uid, miner.hotkey);
  if (m === undefined) return false;
  if (result.ok) m.userSuccesses++;
  else m.userFailures++;
  if (result.cheater) m.cheaterUntil = now + policy.cheaterPenaltyMs;
  return true;
}

export function isCheater(m: MinerMetrics, now: number): boolean {
  return m.cheaterUntil !== null && m.cheaterUntil > now;
}

export function isStale(
  m: MinerMetrics,
  now: number,
  policy: MetricsPolicy = DEFAULT_METRICS_POLICY,
): boolean {
  return m.testedAt === null || now - m.testedAt > policy.maxAgeMs;
}

/** Requests per minute measured by the last test (0 when untested, failed or expired). */
export function rpmOf(m: MinerMetrics, now: number, policy: MetricsPolicy = DEFAULT_METRICS_POLICY): number {
  if (isStale(m, now, policy) || m.seconds <= 0) return 0;
  return (m.count / m.seconds) * 60;
}

/**
 * Spec §5.1's raw weight, with the fixes of §8: a caught cheater earns 0 (the reference only stopped
 * routing users to it), metrics older than `maxAgeMs` earn 0 (the reference kept paying miners that
 * stopped serving), and a negative result (penalties beyond the bonus and throughput) is clamped to 0.
 */
export function rawWeight(
  m: MinerMetrics,
  now: number,
  policy: MetricsPolicy = DEFAULT_METRICS_POLICY,
): number {
  if (isCheater(m, now) || isStale(m, now, policy)) return 0;
  const f = WEIGHT_FORMULA;
  const rpm = rpmOf(m, now, policy);
  const throughput = (rpm / f.rpmNormaliser) ** f.rpmExponent;
  const w =
    throughput * m.similarity ** f.similarityExponent * (1 - m.errorRate) ** f.successExponent +
    m.userSuccesses * f.userBonus -
    m.userFailures * f.userPenalty;
  return Number.isFinite(w) && w > 0 ? w : 0;
}

/** The parts of a miner's weight, for logs and the dashboard. */
export function weightComponents(
  m: MinerMetrics,
  now: number,
  policy: MetricsPolicy = DEFAULT_METRICS_POLICY,
) {
  return {
    rpm: rpmOf(m, now, policy),
    similarity: m.similarity,
    errorRate: m.errorRate,
    cheater: isCheater(m, now),
    stale: isStale(m, now, policy),
    userSuccesses: m.userSuccesses,
    userFailures: m.userFailures,
    rawWeight: rawWeight(m, now, policy),
  };
}

/** Raw weights of every uid with a positive one (the chain normalises); empty when none earns. */
export function sn30Weights(
  state: Sn30Metrics,
  now: number,
  policy: MetricsPolicy = DEFAULT_METRICS_POLICY,
): { uids: number[]; weights: number[] } {
  const uids: number[] = [];
  const weights: number[] = [];
  state.miners.forEach((m, uid) => {
    const w = rawWeight(m, now, policy);
    if (w > 0) {
      uids.push(uid);
      weights.push(w);
    }
  });
  return { uids, weights };
}
