/** Share of the slowest successful responses whose median is the ceiling (spec §4.4). */
export const MAXIMUM_SCORE_MEDIAN_SAMPLE = 0.05;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function median(sorted: readonly number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Response-time bounds of one circuit from its evaluation store (spec §4.4, PR #119): the fastest
 * successful time and the median of the slowest 5% (at least one), both clamped to [0, timeout];
 * with fewer than two successes 0 and the timeout. A spread under one second becomes one second.
 */
export function responseTimeBounds(
  successfulTimes: readonly number[],
  timeoutSeconds: number,
): { minimum: number; maximum: number } {
  const ok = successfulTimes.filter((t) => Number.isFinite(t) && t > 0);
  let minimum = 0;
  let maximum = timeoutSeconds;
  if (ok.length >= 2) {
    const desc = [...ok].sort((a, b) => b - a);
    const k = Math.max(1, Math.floor(desc.length * MAXIMUM_SCORE_MEDIAN_SAMPLE));
    minimum = clamp(desc[desc.length - 1]!, 0, timeoutSeconds);
    maximum = clamp(median(desc.slice(0, k).reverse()), 0, timeoutSeconds);
  }
  if (maximum - minimum < 1) maximum = minimum + 1;
  return { minimum, maximum };
}
