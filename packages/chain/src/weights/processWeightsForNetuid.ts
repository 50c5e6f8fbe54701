import { normalizeMaxWeight } from './normalizeMaxWeight.js';
import { U16_MAX } from './normalizeWeights.js';

export interface ProcessWeightsParams {
  uids: readonly number[];
  weights: readonly number[];
  /** Number of neurons on the subnet (metagraph n). */
  n: number;
  minAllowedWeights: number;
  /** Fraction in (0, 1]; `MaxWeightsLimit / 65535`. */
  maxWeightLimit: number;
  /** u16 quantile of the smallest non-zero weights to drop (the SDK's default is 0). */
  excludeQuantile?: number;
}

/** Linear-interpolation quantile, as numpy's default. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * The optional pre-processing many validators run before `normalizeWeights` (the SDK's
 * `process_weights_for_netuid`): keep positive weights, drop a low quantile while keeping at least
 * `minAllowedWeights`, pad everybody with 1e-5 when too few are non-zero, then cap with
 * `normalizeMaxWeight`. Returns float weights summing to 1.
 */
export function processWeightsForNetuid(params: ProcessWeightsParams): { uids: number[]; weights: number[] } {
  const { uids, weights, n, minAllowedWeights, maxWeightLimit } = params;
  const nonZero: number[] = [];
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0) nonZero.push(i);

  const all = Array.from({ length: n }, (_, i) => i);
  if (nonZero.length === 0 || n < minAllowedWeights) {
    return { uids: all, weights: all.map(() => 1 / n) };
  }
  if (nonZero.length < minAllowedWeights) {
    // Padding assumes uids index the metagraph (uid i ↔ position i), as the SDK does.
    const padded = all.map(() => 1e-5);
    for (const i of nonZero) {
      const uid = uids[i]!;
      if (uid < n) padded[uid]! += weights[i]!;
    }
    return { uids: all, weights: normalizeMaxWeight(padded, maxWeightLimit) };
  }
  const nzWeights = nonZero.map((i) => weights[i]!);
  const maxExclude = Math.max(0, nzWeights.length - minAllowedWeights) / nzWeights.length;
  const q = Math.min((params.excludeQuantile ?? 0) / U16_MAX, maxExclude);
  const lowest = quantile(nzWeights, q);
  const keep = nonZero.filter((i) => weights[i]! >= lowest);
  return {
    uids: keep.map((i) => uids[i]!),
    weights: normalizeMaxWeight(
      keep.map((i) => weights[i]!),
      maxWeightLimit,
    ),
  };
}
