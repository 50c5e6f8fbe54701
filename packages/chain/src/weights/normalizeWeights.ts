import { WeightsInputError } from './errors.js';
import { normalizeMaxWeight } from './normalizeMaxWeight.js';

export const U16_MAX = 65535;

export interface NormalizedWeights {
  /** u16 uids, ascending input order kept, entries whose weight rounds to 0 removed. */
  uids: number[];
  /** u16 weights, the largest is 65535. */
  weights: number[];
}

export interface NormalizeOptions {
  /**
   * Largest share one uid may get, as a fraction in (0, 1] (the subnet's `MaxWeightsLimit / 65535`).
   * Applied before the conversion; 1 or absent means no limit (what the chain enforces today).
   */
  maxWeightLimit?: number;
}

/** Python's `round()`: nearest integer, ties to even, on the exact double value. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor; // exact for doubles: floor(x) shares x's scale
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Float scores → the u16 `dests`/`weights` the chain takes, byte-for-byte as the Python SDK's
 * `convert_and_normalize_weights_and_uids`: float32 first (precision loss included), max-upscale in
 * double, ×65535 rounded half to even, zeros dropped. All-zero input gives empty vectors (the SDK
 * then sends nothing useful, so callers should skip submission).
 */
export function normalizeWeights(
  uids: readonly number[],
  weights: ArrayLike<number>,
  options: NormalizeOptions = {},
): NormalizedWeights {
  if (uids.length !== weights.length) {
    throw new WeightsInputError(
      'LengthMismatch',
      `uids and weights differ in length (${uids.length} vs ${weights.length})`,
      { uids: uids.length, weights: weights.length },
    );
  }
  const seen = new Set<number>();
  for (const uid of uids) {
    if (!Number.isInteger(uid) || uid < 0 || uid > U16_MAX) {
      throw new WeightsInputError('InvalidUid', `uid ${uid} is not an integer in 0..65535`, { uid });
    }
    if (seen.has(uid)) {
      throw new WeightsInputError('DuplicateUid', `uid ${uid} appears more than once`, { uid });
    }
    seen.add(uid);
  }
  let f32: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const raw = weights[i]!;
    const w = Math.fround(raw);
    if (Number.isNaN(raw) || !Number.isFinite(w)) {
      throw new WeightsInputError(
        'NonFiniteWeight',
        `weight for uid ${uids[i]} is ${raw} (must be a finite number within float32 range)`,
        { uid: uids[i], index: i },
      );
    }
    if (w < 0) {
      throw new WeightsInputError('NegativeWeight', `weight for uid ${uids[i]} is negative (${raw})`, {
        uid: uids[i],
        index: i,
      });
    }
    f32.push(w);
  }
  if (f32.every((w) => w === 0)) return { uids: [], weights: [] };

  const limit = options.maxWeightLimit;
  if (limit !== undefined && !(limit > 0 && limit <= 1)) {
    throw new WeightsInputError('InvalidLimit', `maxWeightLimit must be in (0, 1], got ${limit}`, { limit });
  }
  if (limit !== undefined && limit < 1) {
    // Only the positive entries share the capped total (as process_weights_for_netuid filters them
    // first): a zero weight must stay zero and be dropped, even when the cap forces a uniform split.
    const positive = f32.flatMap((w, i) => (w > 0 ? [i] : []));
    const capped = normalizeMaxWeight(
      positive.map((i) => f32[i]!),
      limit,
    );
    const next = f32.map(() => 0);
    positive.forEach((i, k) => {
      next[i] = Math.fround(capped[k]!);
    });
    f32 = next;
  }

  let max = 0;
  for (const w of f32) if (w > max) max = w;
  const outUids: number[] = [];
  const outWeights: number[] = [];
  for (let i = 0; i < f32.length; i++) {
    const q = roundHalfEven((f32[i]! / max) * U16_MAX);
    if (q === 0) continue;
    outUids.push(uids[i]!);
    outWeights.push(q);
  }
  return { uids: outUids, weights: outWeights };
}
