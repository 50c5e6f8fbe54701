import type { Reward, ScoringStrategy } from '@taonode/neuron';
import {
  emptyMinerMetrics,
  type MetricsPolicy,
  rawWeight,
  recordStressOutcome,
  recordUserOutcome,
  type Sn30Metrics,
  sn30MetricsSchema,
  sn30Weights,
  syncMetrics,
} from '../validator/minerMetrics.js';
import type { StressOutcome } from '../validator/stressTest.js';

/**
 * One uid's news for the SN30 strategy: the outcome of its stress test this step and/or the user
 * requests it served (or failed) since the last step. `reward` is the raw weight it earns after it,
 * for logs and the dashboard; the strategy reads the outcome, not the reward.
 */
export interface Sn30Reward extends Reward {
  hotkey: string;
  stress?: StressOutcome;
  user?: { successes: number; failures: number; cheater: boolean };
}

/**
 * SN30's scoring rule as a runtime strategy (spec §5.1 with the §8 fixes): per uid the metrics of
 * its last stress test (overwritten by each test, no moving average), user-request counters and the
 * cheater flag; weights are the raw formula, cheaters and expired metrics at 0. `scores` are the
 * weight shares (what the chain will get), so the demo's score column reads like the weights.
 */
export function sn30Scoring(
  policy: MetricsPolicy,
  now: () => number = Date.now,
): ScoringStrategy<Sn30Metrics, Sn30Reward> {
  return {
    kind: 'sn30-metrics',
    schema: sn30MetricsSchema,
    initial: () => ({ miners: [] }),
    sync: (state, hotkeys) => syncMetrics(state, hotkeys),
    update(state, rewards) {
      const at = now();
      for (const r of rewards) {
        const miner = { uid: r.uid, hotkey: r.hotkey };
        if (r.stress) recordStressOutcome(state, miner, r.stress, at, policy);
        if (r.user) {
          for (let i = 0; i < r.user.successes; i++)
            recordUserOutcome(state, miner, { ok: true }, at, policy);
          for (let i = 0; i < r.user.failures; i++)
            recordUserOutcome(state, miner, { ok: false, cheater: r.user.cheater && i === 0 }, at, policy);
        }
      }
    },
    weights: (state) => sn30Weights(state, now(), policy),
    scores(state) {
      const at = now();
      const raw = state.miners.map((m) => rawWeight(m, at, policy));
      const total = raw.reduce((a, b) => a + b, 0);
      return total > 0 ? raw.map((w) => w / total) : raw;
    },
  };
}

/** The raw weight a miner earns from this test alone (no user counters): the step's reward. */
export function outcomeReward(outcome: StressOutcome, now: number, policy: MetricsPolicy): number {
  const m = emptyMinerMetrics(null);
  if (outcome.kind === 'discarded') return 0;
  m.testedAt = now;
  if (outcome.kind === 'measured') {
    m.count = outcome.count;
    m.seconds = outcome.seconds;
    m.similarity = outcome.similarity;
    m.errorRate = outcome.errorRate;
  } else if (outcome.cheater) m.cheaterUntil = now + policy.cheaterPenaltyMs;
  return rawWeight(m, now, policy);
}

/** What the dashboard and the logs show of one stress test (spec §5.1's parts). */
export function stressComponents(outcome: StressOutcome): Record<string, number | string | boolean | null> {
  if (outcome.kind === 'measured') {
    return {
      outcome: 'measured',
      rpm: outcome.seconds > 0 ? (outcome.count / outcome.seconds) * 60 : 0,
      similarity: outcome.similarity,
      errorRate: outcome.errorRate,
      count: outcome.count,
      seconds: outcome.seconds,
      audited: outcome.audited,
      passed: outcome.passed,
      failedDownloads: outcome.failedDownloads,
      minModelCosine: outcome.minModelCosine,
      cheater: false,
    };
  }
  if (outcome.kind === 'failed')
    return {
      outcome: 'failed',
      rpm: 0,
      similarity: 0,
      errorRate: 1,
      cheater: outcome.cheater,
      reason: outcome.reason,
    };
  return { outcome: 'discarded', reason: outcome.reason, cheater: false };
}
