import { u8aToHex } from '@polkadot/util';
import { describe, expect, it } from 'vitest';
import { WeightsInputError } from './errors.js';
import { normalizeMaxWeight } from './normalizeMaxWeight.js';
import { normalizeWeights, roundHalfEven } from './normalizeWeights.js';
import { processWeightsForNetuid } from './processWeightsForNetuid.js';
import { encodeSetWeightsCall } from './scale.js';

describe('normalizeWeights (core spec §3.4, vectors V5)', () => {
  it('V5: [0.1, 0.2, 0.7] → [9362, 18724, 65535]', () => {
    expect(normalizeWeights([0, 1, 2], [0.1, 0.2, 0.7])).toEqual({
      uids: [0, 1, 2],
      weights: [9362, 18724, 65535],
    });
  });

  it('V5: half-to-even and zeros dropped', () => {
    expect(normalizeWeights([3, 5, 7, 9], [0.5, 0.25, 0.25, 0])).toEqual({
      uids: [3, 5, 7],
      weights: [65535, 32768, 32768],
    });
  });

  it('V5: tiny weights round to zero and disappear', () => {
    expect(normalizeWeights([0, 1], [1e-6, 1])).toEqual({ uids: [1], weights: [65535] });
  });

  it('V5: set_weights call bytes', () => {
    const call = encodeSetWeightsCall({
      netuid: 1,
      uids: [0, 1, 2],
      weights: [9362, 18724, 65535],
      versionKey: 10002000n,
    });
    expect(u8aToHex(call)).toBe('0x070001000c0000010002000c92242449ffff509e980000000000');
  });

  it('rounds ties to even like Python round()', () => {
    expect([0.5, 1.5, 2.5, 3.5, 32767.5, 32768.5, 2.4999999999999996].map(roundHalfEven)).toEqual([
      0, 2, 2, 4, 32768, 32768, 2,
    ]);
    // 1/4 of 65535 is exactly 16383.75; 1/2 is the tie 32767.5 → 32768.
    expect(normalizeWeights([0, 1, 2], [1, 0.5, 0.25]).weights).toEqual([65535, 32768, 16384]);
    // 3/131070 × 65535 = 1.5 → 2; 1/131070 × 65535 = 0.5 → 0 (dropped).
    expect(normalizeWeights([0, 1, 2], [131070, 3, 1]).weights).toEqual([65535, 2]);
  });

  it('applies float32 before dividing (the SDK loses the same precision)', () => {
    // In double, 0.3/0.7 × 65535 = 28086.43…; float32 inputs shift it but the rounding is stable here.
    // A case where float32 changes the result: values that differ only below float32 precision.
    const a = 1;
    const b = 1 - 2 ** -30; // rounds to 1 in float32
    expect(normalizeWeights([0, 1], [a, b]).weights).toEqual([65535, 65535]);
    // 16777217 is not a float32; it becomes 16777216.
    expect(normalizeWeights([0, 1], [16777217, 8388608.5]).weights).toEqual([65535, 32768]);
  });

  it('all zero → empty', () => {
    expect(normalizeWeights([0, 1, 2], [0, 0, 0])).toEqual({ uids: [], weights: [] });
    expect(normalizeWeights([], [])).toEqual({ uids: [], weights: [] });
  });

  it('accepts typed arrays', () => {
    expect(normalizeWeights([0, 1, 2], Float32Array.of(0.1, 0.2, 0.7)).weights).toEqual([9362, 18724, 65535]);
  });

  it.each([
    ['LengthMismatch', [0, 1], [1]],
    ['NegativeWeight', [0, 1], [1, -0.1]],
    ['NonFiniteWeight', [0, 1], [1, Number.NaN]],
    ['NonFiniteWeight', [0, 1], [1, Number.POSITIVE_INFINITY]],
    ['NonFiniteWeight', [0, 1], [1, 1e39]],
    ['InvalidUid', [0, -1], [1, 1]],
    ['InvalidUid', [0, 65536], [1, 1]],
    ['InvalidUid', [0, 1.5], [1, 1]],
    ['DuplicateUid', [4, 4], [1, 1]],
  ] as const)('rejects %s', (problem, uids, weights) => {
    const run = () => normalizeWeights(uids, weights);
    expect(run).toThrow(WeightsInputError);
    try {
      run();
    } catch (err) {
      expect((err as WeightsInputError).problem).toBe(problem);
    }
  });

  it('respects a max weight limit', () => {
    // Limit 0.4 over [8, 1, 1]: cap c with c/(c+2) = 0.4 → c = 4/3; shares 0.4, 0.3, 0.3.
    expect(normalizeMaxWeight([8, 1, 1], 0.4).map((x) => Number(x.toFixed(12)))).toEqual([0.4, 0.3, 0.3]);
    const out = normalizeWeights([0, 1, 2], [8, 1, 1], { maxWeightLimit: 0.4 });
    expect(out.weights).toEqual([65535, 49151, 49151]);
    // Limit 1 is the chain's current constant: no change.
    expect(normalizeWeights([0, 1, 2], [0.1, 0.2, 0.7], { maxWeightLimit: 1 }).weights).toEqual([
      9362, 18724, 65535,
    ]);
    expect(() => normalizeWeights([0], [1], { maxWeightLimit: 0 })).toThrow(WeightsInputError);
    // Zeros stay dropped even when the cap cannot be met and the positive weights go uniform.
    expect(normalizeWeights([0, 1, 2, 3], [5, 0, 1, 0], { maxWeightLimit: 0.4 })).toEqual({
      uids: [0, 2],
      weights: [65535, 65535],
    });
  });

  it('normalizeMaxWeight: uniform when the limit cannot be met; untouched when already below', () => {
    expect(normalizeMaxWeight([5, 1], 0.5)).toEqual([0.5, 0.5]);
    expect(normalizeMaxWeight([0, 0, 0], 0.5)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(normalizeMaxWeight([1, 1, 2], 0.6)).toEqual([0.25, 0.25, 0.5]);
  });

  it('processWeightsForNetuid pads when too few weights are non-zero', () => {
    const out = processWeightsForNetuid({
      uids: [0, 1, 2, 3],
      weights: [0, 1, 0, 0],
      n: 4,
      minAllowedWeights: 2,
      maxWeightLimit: 1,
    });
    expect(out.uids).toEqual([0, 1, 2, 3]);
    expect(out.weights[1]).toBeGreaterThan(0.99);
    expect(out.weights.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    const normal = processWeightsForNetuid({
      uids: [0, 1, 2],
      weights: [1, 3, 0],
      n: 3,
      minAllowedWeights: 1,
      maxWeightLimit: 1,
    });
    expect(normal).toEqual({ uids: [0, 1], weights: [0.25, 0.75] });
    const none = processWeightsForNetuid({
      uids: [0, 1],
      weights: [0, 0],
      n: 2,
      minAllowedWeights: 1,
      maxWeightLimit: 1,
    });
    expect(none).toEqual({ uids: [0, 1], weights: [0.5, 0.5] });
  });
});
