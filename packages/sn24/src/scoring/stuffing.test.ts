import { describe, expect, it } from 'vitest';
import { e, vec } from '../testing/vectors.js';
import { chunkStats, chunksPunish, survivesStuffingFilter, unstufferPunishes } from './stuffing.js';

describe('unstuffer verdict (punish when stuffed with confidence > 0.75)', () => {
  it('is strict at 0.75 and ignores clean labels', () => {
    expect(unstufferPunishes([{ stuffed: true, confidence: 0.75 }])).toBe(false);
    expect(unstufferPunishes([{ stuffed: true, confidence: 0.76 }])).toBe(true);
    expect(unstufferPunishes([{ stuffed: false, confidence: 0.99 }])).toBe(false);
  });
});

describe('extraneous-chunk statistics', () => {
  it('golden counts: s_c = (cos(v, c) + cos(a, c)) / 2 against 0.6 × best and 0.12', () => {
    // s = 0.5, 1/√2 (best), 0, 1/(2√10) = 0.1581; 0.6 × best = 0.4243
    const stats = chunkStats(e(0), e(1), [e(0), vec({ 0: 1, 1: 1 }), e(2), vec({ 0: 1, 2: 3 })]);
    expect(stats).toEqual({ lowQuality: 2, reallyBad: 1, total: 4 });
  });
  it('one chunk or none counts as nothing', () => {
    expect(chunkStats(e(0), e(1), [e(5)])).toEqual({ lowQuality: 0, reallyBad: 0, total: 0 });
    expect(chunkStats(e(0), e(1), [])).toEqual({ lowQuality: 0, reallyBad: 0, total: 0 });
  });
  it('punishes more than 5 really bad or at least 16 low-quality chunks', () => {
    expect(chunksPunish([{ lowQuality: 15, reallyBad: 5, total: 50 }])).toBe(false);
    expect(chunksPunish([{ lowQuality: 0, reallyBad: 6, total: 6 }])).toBe(true);
    expect(chunksPunish([{ lowQuality: 16, reallyBad: 0, total: 16 }])).toBe(true);
  });
  it('keeps unflagged items with ≤ 15 low-quality and ≤ 50 chunks', () => {
    const clean = { stuffed: false, confidence: 0.9 };
    expect(survivesStuffingFilter(clean, { lowQuality: 15, reallyBad: 0, total: 50 })).toBe(true);
    expect(survivesStuffingFilter(clean, { lowQuality: 0, reallyBad: 0, total: 51 })).toBe(false);
    expect(
      survivesStuffingFilter({ stuffed: true, confidence: 0.2 }, { lowQuality: 0, reallyBad: 0, total: 0 }),
    ).toBe(false);
  });
});
