import { EPOCH_LENGTH } from '../constants.js';

/** Spec §5.1 step 5: set weights once more than `epochLength` blocks passed since our last update. */
export function shouldSetWeights(
  currentBlock: number,
  lastUpdate: number,
  epochLength = EPOCH_LENGTH,
): boolean {
  return currentBlock - lastUpdate > epochLength;
}

/** L1 normalisation: divide by the sum of absolute values (all zeros stay zeros). */
export function l1Normalize(xs: readonly number[]): number[] {
  const s = xs.reduce((a, b) => a + Math.abs(b), 0);
  return s === 0 ? xs.map(() => 0) : xs.map((x) => x / s);
}

export interface RewardShares {
  youtube: number;
  focus: number;
  audio: number;
}

/**
 * Spec §5.7: `w = L1(scores)·YOUTUBE + L1(focus)·FOCUS + L1(audio)·AUDIO`, cut to the metagraph
 * size. Negative EMA entries (from −5 punishments) are clamped to 0 weight at the end: a chain
 * weight cannot be negative (the reference leaves this to the SDK).
 */
export function combineWeights(
  scores: { youtube: readonly number[]; focus: readonly number[]; audio: readonly number[] },
  shares: RewardShares,
  metagraphSize: number,
): number[] {
  const y = l1Normalize(scores.youtube);
  const f = l1Normalize(scores.focus);
  const a = l1Normalize(scores.audio);
  return Array.from({ length: metagraphSize }, (_, i) =>
    Math.max(0, (y[i] ?? 0) * shares.youtube + (f[i] ?? 0) * shares.focus + (a[i] ?? 0) * shares.audio),
  );
}

/** `YOUTUBE = 1 − FOCUS − AUDIO` (spec §5.1). */
export function rewardShares(focus: number, audio: number): RewardShares {
  return { youtube: Math.max(0, 1 - focus - audio), focus, audio };
}
