import { describe, expect, it } from 'vitest';
import {
  LATENCY_BUCKETS,
  latencyBucket,
  mergeInto,
  newHistogram,
  percentiles,
  sparseHistogram,
} from './latencyHistogram.js';

describe('latency histogram', () => {
  it('gives percentiles within about 10 % of the exact ones', () => {
    const samples = Array.from({ length: 5000 }, (_, i) => 5 + ((i * 7919) % 2000));
    const hist = newHistogram();
    for (const s of samples) hist[latencyBucket(s)]!++;
    const sorted = [...samples].sort((a, b) => a - b);
    const [p50, p90, p99] = percentiles(hist, [0.5, 0.9, 0.99]);
    for (const [q, got] of [
      [0.5, p50],
      [0.9, p90],
      [0.99, p99],
    ] as const) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
      expect(Math.abs(got! - exact) / exact).toBeLessThan(0.1);
    }
  });

  it('handles empty, tiny, huge and non-numeric latencies', () => {
    expect(percentiles(newHistogram(), [0.5])).toEqual([null]);
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(Number.NaN)).toBe(0);
    expect(latencyBucket(1e12)).toBe(LATENCY_BUCKETS - 1);
  });

  it('merges and stores sparsely', () => {
    const a = newHistogram();
    const b = newHistogram();
    a[3] = 2;
    b[3] = 1;
    b[10] = 4;
    mergeInto(a, b);
    expect(sparseHistogram(a)).toEqual([
      [3, 3],
      [10, 4],
    ]);
  });
});
