import { describe, expect, it } from 'vitest';
import { poolWeights, type ScoredUid } from './poolWeights.js';

const s = (uid: number, score: number, beatsBaseline: boolean, reputation = 0.5, block = 100): ScoredUid => ({
  uid,
  score,
  reputation,
  beatsBaseline,
  block,
});

describe('two-pool weights (spec §5.5), golden values from the formulas', () => {
  it('top 3 above B share 75 % by softmax(s/0.01); up to 10 below share 25 % by softmax(0.7 r + 0.3 s)', () => {
    const w = poolWeights(
      8,
      [
        s(1, 0.9, true),
        s(2, 0.88, true),
        s(3, 0.85, true),
        s(4, 0.84, true), // fourth above B: falls to the below pool
        s(5, 0.5, false, 0.6),
        s(6, 0.4, false, 0.4),
        s(7, 0, false), // zero: in no pool
      ],
      { burnUid: 0 },
    );
    // Above: softmax([90, 88, 85]).
    const ea = [Math.exp(0), Math.exp(-2), Math.exp(-5)];
    const za = ea.reduce((a, b) => a + b);
    expect(w[1]).toBeCloseTo((0.75 * ea[0]!) / za, 12);
    expect(w[2]).toBeCloseTo((0.75 * ea[1]!) / za, 12);
    expect(w[3]).toBeCloseTo((0.75 * ea[2]!) / za, 12);
    // Below: uid 4 (r 0.5, s 0.84), uid 5 (0.6, 0.5), uid 6 (0.4, 0.4).
    const xb = [0.7 * 0.5 + 0.3 * 0.84, 0.7 * 0.6 + 0.3 * 0.5, 0.7 * 0.4 + 0.3 * 0.4];
    const eb = xb.map(Math.exp);
    const zb = eb.reduce((a, b) => a + b);
    expect(w[4]).toBeCloseTo((0.25 * eb[0]!) / zb, 12);
    expect(w[5]).toBeCloseTo((0.25 * eb[1]!) / zb, 12);
    expect(w[6]).toBeCloseTo((0.25 * eb[2]!) / zb, 12);
    expect(w[7]).toBe(0);
    expect(w[0]).toBe(0);
    expect(w.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it('burns 75 % when nobody beats the baseline; 100 % when nobody scores', () => {
    const w = poolWeights(5, [s(1, 0.3, false), s(2, 0.2, false)], { burnUid: 4 });
    expect(w[4]).toBeCloseTo(0.75, 12);
    const e = [Math.exp(0.35 + 0.09), Math.exp(0.35 + 0.06)];
    expect(w[1]).toBeCloseTo((0.25 * e[0]!) / (e[0]! + e[1]!), 12);
    expect(Array.from(poolWeights(5, [], { burnUid: 4 }))).toEqual([0, 0, 0, 0, 1]);
    expect(Array.from(poolWeights(5, [s(0, 0, false)], { burnUid: 4 }))).toEqual([0, 0, 0, 0, 1]);
  });

  it('an empty below pool leaves the above pool 100 %; at most 10 below', () => {
    const w = poolWeights(3, [s(1, 0.9, true)], { burnUid: 0 });
    expect(Array.from(w)).toEqual([0, 1, 0]);
    const many = Array.from({ length: 14 }, (_, i) => s(i + 1, 0.5 - i * 0.01, false));
    const wm = poolWeights(20, many, { burnUid: 0 });
    expect(Array.from(wm).filter((x) => x > 0 && x < 0.75)).toHaveLength(10);
    expect(wm[11]).toBe(0);
  });

  it('equal scores rank the earlier commitment first (the copy cannot push the original out)', () => {
    const w = poolWeights(
      6,
      [
        s(1, 0.8, true, 0.5, 50),
        s(2, 0.8, true, 0.5, 10),
        s(3, 0.8, true, 0.5, 30),
        s(4, 0.8, true, 0.5, 40),
      ],
      {
        burnUid: 0,
        aboveCount: 3,
      },
    );
    expect(w[2]).toBeCloseTo(0.75 / 3, 12);
    expect(w[3]).toBeCloseTo(0.75 / 3, 12);
    expect(w[4]).toBeCloseTo(0.75 / 3, 12);
    expect(w[1]).toBeCloseTo(0.25, 12);
    expect(() => poolWeights(3, [], { burnUid: 111 })).toThrow(/burn uid 111/);
  });
});
