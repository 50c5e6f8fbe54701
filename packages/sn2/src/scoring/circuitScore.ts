import { SCALING } from './constants.js';

const S = SCALING;
const HALF = S / 2n;
const CURVE_OFFSET = 41_735_537n; // (0.5 - 10/121) * 1e8
const CUBIC_DIVISOR = 302_500_000_000_000_000n; // 121e16 / 4
// Math.min does not take bigints.
const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const QUINTIC_DIVISOR = 7_562_500_000_000_000_000_000_000_000_000n; // 121e32 / 1600

/** One record at scale 1e8, exactly as the circuit sees it. */
export interface ScaledScoreRecord {
  maximumScore: bigint;
  previousScore: bigint;
  verified: boolean;
  responseTime: bigint;
  competition: bigint;
  maximumResponseTime: bigint;
  minimumResponseTime: bigint;
}

/** The circuit's scalar inputs that change the arithmetic (scale 1e8). */
export interface ScaledConstants {
  rateOfDecay: bigint;
  rateOfRecovery: bigint;
  competitionWeight: bigint;
  responseTimeWeight: bigint;
  maximumResponseTimeDecimal: bigint;
}

/** Normalised response time xn in [0, cap] (scale 1e8), with the circuit's edge rules. */
export function normalizedResponseTime(r: ScaledScoreRecord, cap: bigint): bigint {
  const elapsed = r.responseTime < r.minimumResponseTime ? 0n : r.responseTime - r.minimumResponseTime;
  const spread =
    r.minimumResponseTime < r.maximumResponseTime ? r.maximumResponseTime - r.minimumResponseTime : S;
  const xn = (elapsed * S) / spread;
  return minBig(xn, cap);
}

/**
 * The polynomial stand-in for the tan curve, P(xn) at scale 1e8 (spec §5.3). Odd powers are
 * computed on |xn - 0.5| and signed afterwards, so they truncate towards zero.
 */
export function curvePolynomial(xn: bigint): bigint {
  const below = xn < HALF;
  const ad = below ? HALF - xn : xn - HALF;
  const ad2 = ad * ad;
  const ad3 = ad2 * ad;
  const ad5 = ad3 * ad2;
  const odd = ad3 / CUBIC_DIVISOR + ad5 / QUINTIC_DIVISOR;
  return CURVE_OFFSET + (20n * xn) / 121n + (below ? -odd : odd);
}

/** One score update with the circuit's integer arithmetic; bit-identical to its witness. */
export function circuitScoreUpdate(r: ScaledScoreRecord, c: ScaledConstants): bigint {
  const P = r.previousScore;
  if (!r.verified) return P - (c.rateOfDecay * P) / S;
  const xn = normalizedResponseTime(r, c.maximumResponseTimeDecimal);
  const rtMetric = ((S - curvePolynomial(xn)) * c.responseTimeWeight) / S;
  const compMetric = (r.competition * c.competitionWeight) / S;
  const sum = rtMetric + compMetric;
  const frac = minBig(sum, S);
  const target = (r.maximumScore * frac) / S;
  if (P < target) return P + (c.rateOfRecovery * (target - P)) / S;
  return P - (c.rateOfRecovery * (P - target)) / S;
}
