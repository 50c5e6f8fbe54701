import { describe, expect, it } from 'vitest';
import { latencyBucket } from './latencyHistogram.js';
import { MinerModel, OTHER_CALLERS } from './minerModel.js';

const HOUR = 3_600_000;

describe('MinerModel', () => {
  it('counts by caller with outcomes, latency percentiles of answered requests and a per-minute series', () => {
    const m = new MinerModel({ retentionMs: 7 * 24 * HOUR });
    const t0 = 100 * HOUR;
    for (let i = 0; i < 100; i++)
      m.add(t0 + i * 1000, 'v1', 'Q', MinerModel.countsOf('ok'), undefined, latencyBucket(100 + i));
    m.add(t0, 'v1', 'Q', MinerModel.countsOf('failed'));
    m.add(t0, 'bad', 'Q', MinerModel.countsOf('blacklisted'));
    const q = m.query(t0 - HOUR, t0 + HOUR);
    expect(q.totals).toMatchObject({ requests: 102, ok: 100, blacklisted: 1, failed: 1 });
    const v1 = q.callers.find((c) => c.hotkey === 'v1')!;
    expect(v1).toMatchObject({ requests: 101, ok: 100, failed: 1, synapses: ['Q'] });
    expect(v1.p50! / 150).toBeGreaterThan(0.9);
    expect(v1.p50! / 150).toBeLessThan(1.1);
    expect(q.callers.find((c) => c.hotkey === 'bad')!.p50).toBeNull();
    expect(q.series.bucketMs).toBe(60_000);
    expect(q.series.ok.reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('lumps a flood of distinct caller names together instead of growing', () => {
    const m = new MinerModel({ retentionMs: 24 * HOUR, maxKeysPerBucket: 8 });
    for (let i = 0; i < 10_000; i++) m.add(HOUR, `random-${i}`, 'Q', MinerModel.countsOf('blacklisted'));
    const q = m.query(0, 2 * HOUR);
    expect(q.callers.length).toBeLessThanOrEqual(9); // 8 names + the lump
    expect(q.callers[0]!.hotkey).toBe(OTHER_CALLERS);
    expect(q.totals.blacklisted).toBe(10_000);
  });

  it('drops buckets past the retention', () => {
    const m = new MinerModel({ retentionMs: 24 * HOUR });
    m.add(HOUR, 'v', 'Q', MinerModel.countsOf('ok'));
    m.prune(30 * HOUR);
    expect(m.query(0, 30 * HOUR).totals.requests).toBe(0);
  });
});
