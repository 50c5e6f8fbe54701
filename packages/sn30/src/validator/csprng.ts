import { randomBytes, randomInt } from 'node:crypto';

/**
 * Every choice a miner could profit from predicting — seeds, prompts, which results are audited,
 * which steps are replayed — comes from the OS CSPRNG (the reference moved to os.urandom for the
 * same reason, spec §8). One injectable source so tests can pin it.
 */
export interface RandomSource {
  /** Uniform integer in [0, max). */
  int(max: number): number;
  /** Uniform float in [0, 1). */
  float(): number;
  /** Uniform u32. */
  u32(): number;
}

export const cryptoRandom: RandomSource = {
  int: (max) => (max <= 1 ? 0 : randomInt(max)),
  float: () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48,
  u32: () => randomBytes(4).readUInt32LE(0),
};

/** `k` distinct items of `items`, in random order (partial Fisher–Yates). */
export function sampleWithoutReplacement<T>(
  items: readonly T[],
  k: number,
  rng: RandomSource = cryptoRandom,
): T[] {
  const a = [...items];
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

/** One index drawn with probability ∝ weights (non-positive weights never; all of them ⇒ uniform). */
export function pickWeighted(weights: readonly number[], rng: RandomSource = cryptoRandom): number {
  let total = 0;
  for (const w of weights) if (Number.isFinite(w) && w > 0) total += w;
  if (total <= 0) return rng.int(weights.length);
  let r = rng.float() * total;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(Number.isFinite(w) && w > 0)) continue;
    r -= w;
    if (r < 0) return i;
  }
  // Float rounding left r ≥ 0: the last positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return 0;
}

/** `k` distinct indices chosen with probability proportional to `weights` (all 0 ⇒ uniform). */
export function weightedSampleWithoutReplacement(
  weights: readonly number[],
  k: number,
  rng: RandomSource = cryptoRandom,
): number[] {
  const left = weights.map((w, i) => ({ i, w }));
  const out: number[] = [];
  while (out.length < k && left.length > 0) {
    const at = pickWeighted(
      left.map((e) => e.w),
      rng,
    );
    out.push(left[at]!.i);
    left.splice(at, 1);
  }
  return out;
}
