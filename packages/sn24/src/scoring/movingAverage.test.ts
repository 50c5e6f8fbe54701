import { describe, expect, it } from 'vitest';
import { resyncScores, updateMovingAverage } from './movingAverage.js';
import { combineWeights, l1Normalize, rewardShares, shouldSetWeights } from './weights.js';

describe('moving average, alpha 0.3', () => {
  it('golden updates: reward, non-response 0.005, null keeps, NaN counts as 0, −5 goes negative', () => {
    const out = updateMovingAverage(
      [0, 1, 0.5, 0.2, 0],
      [
        { uid: 0, reward: 1 },
        { uid: 1, reward: 0.005 },
        { uid: 2, reward: null },
        { uid: 3, reward: Number.NaN },
        { uid: 4, reward: -5 },
        { uid: 99, reward: 1 },
      ],
    );
    expect(out[0]).toBeCloseTo(0.3, 12);
    expect(out[1]).toBeCloseTo(0.7015, 12);
    expect(out[2]).toBe(0.5);
    expect(out[3]).toBeCloseTo(0.14, 12);
    expect(out[4]).toBeCloseTo(-1.5, 12);
    expect(out).toHaveLength(5);
  });

  it('resync zeroes replaced and new uids and keeps the rest', () => {
    expect(resyncScores([0.1, 0.2, 0.3], ['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([0.1, 0, 0.3, 0]);
    expect(resyncScores([0.1, 0.2, 0.3], ['a', 'b', 'c'], ['a'])).toEqual([0.1]);
  });
});

describe('weights', () => {
  it('are set once more than 100 blocks passed since the last update', () => {
    expect(shouldSetWeights(1100, 1000)).toBe(false);
    expect(shouldSetWeights(1101, 1000)).toBe(true);
    expect(shouldSetWeights(1011, 1000, 10)).toBe(true);
  });

  it('L1-normalise by the sum of absolute values', () => {
    expect(l1Normalize([1, 3, -4, 0])).toEqual([0.125, 0.375, -0.5, 0]);
    expect(l1Normalize([0, 0])).toEqual([0, 0]);
  });

  it('mix the three score vectors by share (Nov 2024 shares: 85 / 2.5 / 12.5 %), negatives → 0', () => {
    const shares = rewardShares(0.025, 0.125);
    expect(shares.youtube).toBeCloseTo(0.85, 12);
    const w = combineWeights({ youtube: [1, 3, -4, 0], focus: [0, 0, 0, 2], audio: [0, 0, 0, 0] }, shares, 4);
    expect(w[0]).toBeCloseTo(0.10625, 12);
    expect(w[1]).toBeCloseTo(0.31875, 12);
    expect(w[2]).toBe(0);
    expect(w[3]).toBeCloseTo(0.025, 12);
  });

  it('at HEAD (focus 100 %) weights are the focus shares, cut to the metagraph', () => {
    const w = combineWeights(
      { youtube: [5, 5, 5], focus: [0.25, 0.75, 0], audio: [1, 1, 1] },
      rewardShares(1, 0),
      2,
    );
    expect(w).toEqual([0.25, 0.75]);
  });
});
