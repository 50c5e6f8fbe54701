import { defaultPowScalars, scale } from '../inputs/powInputs.js';
import { circuitScoreUpdate } from '../scoring/circuitScore.js';
import { SCALING } from '../scoring/constants.js';
import { responseTimeBounds } from './responseTimeBounds.js';
import type { Sn2ScoreState } from './sn2Scoring.js';

/** One verified-or-not answer, as the validator measured it. */
export interface MinerResult {
  uid: number;
  circuit: string;
  verified: boolean;
  /** The dendrite's process_time in seconds; null when the call failed. */
  responseTime: number | null;
}

export interface ScoreUpdate {
  uid: number;
  previous: number;
  /** The SN2 score after this answer (§5.3 integer arithmetic, what the circuit would output). */
  next: number;
  minimumResponseTime: number;
  maximumResponseTime: number;
}

/**
 * One score update per spec §4.4 with the circuit's arithmetic (§5.3): record the answer in the
 * circuit's evaluation store, derive the response-time bounds, then move the score 10% towards the
 * latency ceiling if verified, or cut it by 40% if not. Applied at once rather than every 256
 * records, so a score moves on the answer that earned it.
 */
export function updateScore(
  state: Sn2ScoreState,
  r: MinerResult,
  opts: { timeoutSeconds: number },
): ScoreUpdate {
  const measured = r.responseTime ?? opts.timeoutSeconds;
  const successful = record(state, r.circuit, r.uid, r.verified, r.verified ? measured : 0);
  const { minimum, maximum } = responseTimeBounds(successful, opts.timeoutSeconds);
  const previous = state.scores[r.uid] ?? 0;
  const c = defaultPowScalars();
  const next = circuitScoreUpdate(
    {
      maximumScore: SCALING / BigInt(Math.max(1, state.scores.length)),
      previousScore: scale(previous),
      verified: r.verified,
      // An unverified answer is scored as the slowest (its time does not matter to the circuit).
      responseTime: scale(r.verified ? measured : maximum),
      competition: 0n,
      maximumResponseTime: scale(maximum),
      minimumResponseTime: scale(minimum),
    },
    {
      rateOfDecay: c.RATE_OF_DECAY,
      rateOfRecovery: c.RATE_OF_RECOVERY,
      competitionWeight: c.COMPETITION_WEIGHT,
      responseTimeWeight: c.RESPONSE_TIME_WEIGHT,
      maximumResponseTimeDecimal: c.MAXIMUM_RESPONSE_TIME_DECIMAL,
    },
  );
  return {
    uid: r.uid,
    previous,
    next: Number(next) / Number(SCALING),
    minimumResponseTime: minimum,
    maximumResponseTime: maximum,
  };
}

/** Replaces the uid's entry in the circuit's evaluation store; returns the store's successful times. */
function record(
  state: Sn2ScoreState,
  circuit: string,
  uid: number,
  verified: boolean,
  responseTime: number,
): number[] {
  state.evaluation[circuit] ??= {};
  const store = state.evaluation[circuit];
  store[String(uid)] = { verified, responseTime };
  return Object.values(store)
    .filter((e) => e.verified && e.responseTime > 0)
    .map((e) => e.responseTime);
}
