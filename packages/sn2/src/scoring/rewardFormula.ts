import { SCORING_CONSTANTS } from './constants.js';

/** One score-update record in plain units (seconds, score fractions), as the reference queues it. */
export interface ScoreRecordFloat {
  maximumScore: number;
  previousScore: number;
  verified: boolean;
  proofSize: number;
  responseTime: number;
  minimumResponseTime: number;
  maximumResponseTime: number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The shifted-tan curve h(x) of spec §5.2: h(0) = 0, h(0.5) = 0.5, h(1) = 1. */
export function responseTimeCurve(x: number, flattening = SCORING_CONSTANTS.FLATTENING_COEFFICIENT): number {
  const half = (flattening * Math.PI) / 2;
  const lo = Math.tan(-half);
  return (Math.tan(flattening * Math.PI * (x - 0.5)) - lo) / (Math.tan(half) - lo);
}

/** The reference's float score update (spec §5.2). The circuit (§5.3) is what scores for real. */
export function rewardFormula(r: ScoreRecordFloat, c = SCORING_CONSTANTS): number {
  if (!r.verified) return r.previousScore - c.RATE_OF_DECAY * r.previousScore;
  const rmin = r.minimumResponseTime;
  const rmax = r.maximumResponseTime === rmin ? r.maximumResponseTime + 1 : r.maximumResponseTime;
  const x = clamp((r.responseTime - rmin) / (rmax - rmin), 0, c.MAXIMUM_RESPONSE_TIME_DECIMAL);
  const sizeTerm = c.PROOF_SIZE_WEIGHT * clamp(r.proofSize / c.PROOF_SIZE_THRESHOLD, 0, 1);
  const frac = clamp(c.RESPONSE_TIME_WEIGHT * (1 - responseTimeCurve(x)) - sizeTerm, 0, 1);
  const target = r.maximumScore * frac;
  return r.previousScore + c.RATE_OF_RECOVERY * (target - r.previousScore);
}
