import { describe, expect, it } from 'vitest';
import {
  emptyMinerMetrics,
  initialMetrics,
  type MinerMetrics,
  rawWeight,
  recordStressOutcome,
  recordUserOutcome,
  rpmOf,
  sn30MetricsSchema,
  sn30Weights,
  syncMetrics,
  weightComponents,
} from './minerMetrics.js';
import type { StressOutcome } from './stressTest.js';

const NOW = 1_000_000_000;
const tested = (o: Partial<MinerMetrics>): MinerMetrics => ({
  ...emptyMinerMetrics('h'),
  testedAt: NOW,
  ...o,
});
const measured = (o: Partial<Extract<StressOutcome, { kind: 'measured' }>> = {}): StressOutcome => ({
  kind: 'measured',
  count: 64,
  seconds: 30,
  errorRate: 0,
  similarity: 1,
  rounds: [],
  audited: 4,
  passed: 4,
  failedDownloads: 0,
  minModelCosine: 1,
  ...o,
});

describe('SN30 weights (spec §5.1 with the §8 fixes)', () => {
  it('is RPM^1.125 · s^8 · (1−e)^2 with RPM/128, plus the user bonus and penalty', () => {
    expect(rawWeight(tested({ count: 64, seconds: 30, similarity: 1 }), NOW)).toBeCloseTo(1, 12);
    expect(rpmOf(tested({ count: 64, seconds: 30 }), NOW)).toBe(128);
    expect(rawWeight(tested({ count: 32, seconds: 30, similarity: 1 }), NOW)).toBeCloseTo(0.5 ** 1.125, 12);
    expect(rawWeight(tested({ count: 64, seconds: 30, similarity: 0.5, errorRate: 0.25 }), NOW)).toBeCloseTo(
      0.5 ** 8 * 0.75 ** 2,
      12,
    );
    expect(
      rawWeight(tested({ count: 64, seconds: 30, similarity: 1, userSuccesses: 10, userFailures: 1 }), NOW),
    ).toBeCloseTo(1 + 10 * 0.0001 - 0.0008, 12);
  });

  it('clamps a negative raw weight to 0', () => {
    expect(rawWeight(tested({ count: 1, seconds: 60, similarity: 1, userFailures: 100 }), NOW)).toBe(0);
  });

  it('pays nothing to a caught cheater while the penalty lasts, whatever the next test measures', () => {
    const s = initialMetrics();
    syncMetrics(s, ['a']);
    recordStressOutcome(
      s,
      { uid: 0, hotkey: 'a' },
      { kind: 'failed', reason: 'hash', cheater: true, rounds: [] },
      NOW,
      {
        maxAgeMs: 1e12,
        cheaterPenaltyMs: 1000,
      },
    );
    recordStressOutcome(s, { uid: 0, hotkey: 'a' }, measured(), NOW + 10);
    expect(rawWeight(s.miners[0]!, NOW + 10)).toBe(0);
    expect(weightComponents(s.miners[0]!, NOW + 10).cheater).toBe(true);
    expect(rawWeight(s.miners[0]!, NOW + 1000)).toBeCloseTo(1, 12);
  });

  it('a failed (not cheating) test zeroes the throughput; a discarded one changes nothing', () => {
    const s = initialMetrics();
    syncMetrics(s, ['a']);
    recordStressOutcome(s, { uid: 0, hotkey: 'a' }, measured(), NOW);
    expect(recordStressOutcome(s, { uid: 0, hotkey: 'a' }, { kind: 'discarded', reason: 'x' }, NOW)).toBe(
      false,
    );
    expect(rawWeight(s.miners[0]!, NOW)).toBeCloseTo(1, 12);
    recordStressOutcome(
      s,
      { uid: 0, hotkey: 'a' },
      { kind: 'failed', reason: 'down', cheater: false, rounds: [] },
      NOW,
    );
    expect(rawWeight(s.miners[0]!, NOW)).toBe(0);
    expect(s.miners[0]!.cheaterUntil).toBeNull();
  });

  it('metrics of a miner not tested for maxAge stop earning (the reference paid them forever)', () => {
    const m = tested({ count: 64, seconds: 30, similarity: 1, userSuccesses: 50 });
    const policy = { maxAgeMs: 3_600_000, cheaterPenaltyMs: 0 };
    expect(rawWeight(m, NOW + 3_600_000, policy)).toBeGreaterThan(1);
    expect(rawWeight(m, NOW + 3_600_001, policy)).toBe(0);
    expect(rawWeight(emptyMinerMetrics('x'), NOW)).toBe(0);
  });

  it('resets a uid whose hotkey changed, and ignores results for a hotkey no longer there', () => {
    const s = initialMetrics();
    expect(syncMetrics(s, ['a', 'b'])).toEqual([]);
    recordStressOutcome(s, { uid: 1, hotkey: 'b' }, measured(), NOW);
    recordUserOutcome(s, { uid: 1, hotkey: 'b' }, { ok: true }, NOW);
    expect(syncMetrics(s, ['a', 'c'])).toEqual([1]);
    expect(s.miners[1]).toEqual(emptyMinerMetrics('c'));
    expect(recordStressOutcome(s, { uid: 1, hotkey: 'b' }, measured(), NOW)).toBe(false);
    expect(recordUserOutcome(s, { uid: 1, hotkey: 'b' }, { ok: false }, NOW)).toBe(false);
    syncMetrics(s, ['a']);
    expect(s.miners).toHaveLength(1);
  });

  it('weights list only uids that earn; the state survives a JSON round trip', () => {
    const s = initialMetrics();
    syncMetrics(s, ['a', 'b', 'c']);
    recordStressOutcome(s, { uid: 0, hotkey: 'a' }, measured({ count: 32 }), NOW);
    recordStressOutcome(s, { uid: 2, hotkey: 'c' }, measured(), NOW);
    recordUserOutcome(s, { uid: 2, hotkey: 'c' }, { ok: false, cheater: true }, NOW);
    const w = sn30Weights(s, NOW);
    expect(w.uids).toEqual([0]);
    expect(sn30MetricsSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
});
