/**
 * Latencies in geometric buckets (each 20 % wider than the last, from 1 ms to ~6 min): fixed size,
 * mergeable across callers and time, percentiles within about ±10 %. Exact samples would need memory
 * that grows with traffic; a miner may answer thousands of requests a minute.
 */
const GROWTH = 1.2;
const LOG_GROWTH = Math.log(GROWTH);
export const LATENCY_BUCKETS = 72;

export function latencyBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  return Math.min(LATENCY_BUCKETS - 1, 1 + Math.floor(Math.log(ms) / LOG_GROWTH));
}

/** A representative latency of a bucket: the geometric middle of its bounds (0.5 ms for the first). */
export function bucketLatency(index: number): number {
  if (index <= 0) return 0.5;
  return GROWTH ** (index - 1) * Math.sqrt(GROWTH);
}

export function newHistogram(): Uint32Array {
  return new Uint32Array(LATENCY_BUCKETS);
}

export function mergeInto(target: Uint32Array, source: Uint32Array): void {
  for (let i = 0; i < LATENCY_BUCKETS; i++) target[i]! += source[i]!;
}

/** Latency (ms) at each quantile in `qs` (0..1), or null for an empty histogram. */
export function percentiles(hist: Uint32Array, qs: readonly number[]): (number | null)[] {
  let total = 0;
  for (let i = 0; i < LATENCY_BUCKETS; i++) total += hist[i]!;
  if (total === 0) return qs.map(() => null);
  return qs.map((q) => {
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (let i = 0; i < LATENCY_BUCKETS; i++) {
      seen += hist[i]!;
      if (seen >= rank) return Math.round(bucketLatency(i) * 10) / 10;
    }
    return Math.round(bucketLatency(LATENCY_BUCKETS - 1) * 10) / 10;
  });
}

/** Non-zero buckets as [index, count] pairs (what the history file stores). */
export function sparseHistogram(hist: Uint32Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < LATENCY_BUCKETS; i++) if (hist[i]! > 0) out.push([i, hist[i]!]);
  return out;
}
