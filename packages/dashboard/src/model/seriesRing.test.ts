import { describe, expect, it } from 'vitest';
import { SeriesRing } from './seriesRing.js';

const DAY = 86_400_000;

describe('SeriesRing', () => {
  it('keeps recent points exactly and thins to the requested number of points', () => {
    const ring = new SeriesRing({ retentionMs: DAY, rawCapacity: 100, bucketCapacity: 100 });
    for (let i = 0; i < 50; i++) ring.push(1_000_000 + i * 1000, i, i % 2 === 0 ? i : null);
    const all = ring.slice(1_000_000, 1_049_000, 1000);
    expect(all.t).toHaveLength(50);
    expect(all.level[49]).toBe(49);
    expect(all.sample[1]).toBeNull();
    const thin = ring.slice(1_000_000, 1_049_000, 5);
    expect(thin.t.length).toBeLessThanOrEqual(5);
    // Each output point carries the last level of its span and the mean of its samples.
    expect(thin.level[thin.level.length - 1]).toBe(49);
    expect(thin.sample[0]).toBe(4); // mean of 0,2,4,6,8
  });

  it('keeps the whole retention in fixed memory: old spans come from buckets', () => {
    const ring = new SeriesRing({ retentionMs: DAY, rawCapacity: 64, bucketCapacity: 96 });
    expect(ring.bucketMs).toBe(900_000);
    const start = 10 * DAY;
    for (let t = start; t < start + DAY; t += 10_000) ring.push(t, t / DAY, 0.5);
    expect(ring.size).toBe(64);
    const s = ring.slice(start, start + DAY, 48);
    expect(s.t.length).toBeGreaterThanOrEqual(46);
    expect(s.t[0]).toBeLessThan(start + DAY / 40);
    for (let i = 1; i < s.t.length; i++) expect(s.t[i]).toBeGreaterThan(s.t[i - 1]!);
    expect(s.sample.every((x) => x === 0.5)).toBe(true);
  });

  it('forgets what is older than one ring of buckets', () => {
    const ring = new SeriesRing({ retentionMs: DAY, rawCapacity: 4, bucketCapacity: 24 });
    ring.push(0, 1, 1);
    for (let t = 2 * DAY; t < 2 * DAY + 10_000; t += 1000) ring.push(t, 2, 2);
    expect(ring.slice(0, 3 * DAY, 1000).level).not.toContain(1);
  });
});
