import { WeightsInputError } from './errors.js';

/**
 * Scales `values` to sum 1 while no entry exceeds `limit`, by clipping the largest entries to a
 * common ceiling (water-filling) and renormalising — the behaviour of the SDK's
 * `normalize_max_weight`. If the limit cannot be met (`n × limit ≤ 1`) or everything is zero, the
 * result is uniform, as in the SDK.
 */
export function normalizeMaxWeight(values: readonly number[], limit: number): number[] {
  if (!(limit > 0 && limit <= 1)) {
    throw new WeightsInputError('InvalidLimit', `max weight limit must be in (0, 1], got ${limit}`, {
      limit,
    });
  }
  const n = values.length;
  if (n === 0) return [];
  const total = values.reduce((a, b) => a + b, 0);
  if (total === 0 || n * limit <= 1) return values.map(() => 1 / n);
  if (Math.max(...values) / total <= limit) return values.map((v) => v / total);

  // Cap the k largest at c; the rest R stays. c / (k·c + R) = limit  ⇒  c = limit·R / (1 − k·limit).
  const sorted = [...values].sort((a, b) => b - a);
  let rest = total;
  let cap = Number.POSITIVE_INFINITY;
  for (let k = 1; k < n; k++) {
    rest -= sorted[k - 1]!;
    const c = (limit * rest) / (1 - k * limit);
    if (c <= sorted[k - 1]! && c >= sorted[k]!) {
      cap = c;
      break;
    }
  }
  const clipped = values.map((v) => Math.min(v, cap));
  const sum = clipped.reduce((a, b) => a + b, 0);
  return clipped.map((v) => v / sum);
}
