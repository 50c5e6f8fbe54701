/** The `q`-quantile (0 ≤ q ≤ 1) of a sample, nearest rank below (NaN when empty). */
export function quantile(xs: readonly number[], q: number): number {
  return [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? Number.NaN;
}

/** Median of a sample (NaN when empty). */
export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

const ms = (s: number) => Math.round(s * 10_000) / 10;

/**
 * Per-stage medians of repeated runs: each row maps `<stage>S` to seconds; the result has
 * `<stage>Ms` medians and the median of the per-run totals, in ms with one decimal.
 */
export function medianBreakdown(rows: readonly Record<string, number>[]): {
  totalMs: number;
  breakdownMs: Record<string, number>;
} {
  const keys = Object.keys(rows[0] ?? {});
  const breakdownMs = Object.fromEntries(
    keys.map((k) => [k.replace(/S$/, 'Ms'), ms(median(rows.map((x) => x[k] ?? 0)))]),
  );
  const totalMs = ms(median(rows.map((x) => Object.values(x).reduce((s, v) => s + v, 0))));
  return { totalMs, breakdownMs };
}
