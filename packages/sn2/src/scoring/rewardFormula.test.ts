import { describe, expect, it } from 'vitest';
import { responseTimeCurve, rewardFormula } from './rewardFormula.js';

describe('rewardFormula (spec §5.2)', () => {
  it('the tan curve passes through 0, 0.5, 1 and matches the spec table', () => {
    expect(responseTimeCurve(0)).toBeCloseTo(0, 12);
    expect(responseTimeCurve(0.5)).toBeCloseTo(0.5, 12);
    expect(responseTimeCurve(1)).toBeCloseTo(1, 12);
    const table: Array<[number, number]> = [
      [0.1, 0.668],
      [0.25, 0.568],
      [0.75, 0.432],
      [0.9, 0.332],
      [0.99, 0.078],
    ];
    for (const [x, want] of table) expect(1 - responseTimeCurve(x)).toBeCloseTo(want, 3);
  });

  const base = {
    maximumScore: 1 / 256,
    previousScore: 0.001,
    verified: true,
    proofSize: 1000,
    responseTime: 10,
    minimumResponseTime: 10,
    maximumResponseTime: 20,
  };

  it('verified: 10% of the way towards M · (1 - h(x))', () => {
    expect(rewardFormula(base)).toBeCloseTo(0.001 + 0.1 * (1 / 256 - 0.001), 15);
    const slow = rewardFormula({ ...base, responseTime: 20 });
    expect(slow).toBeCloseTo(0.001 + 0.1 * ((1 / 256) * (1 - responseTimeCurve(0.99)) - 0.001), 15);
  });

  it('unverified: 40% cut', () => {
    expect(rewardFormula({ ...base, verified: false })).toBeCloseTo(0.0006, 15);
  });

  it('rmax == rmin adds one second', () => {
    const r = rewardFormula({ ...base, maximumResponseTime: 10, responseTime: 10.5 });
    expect(r).toBeCloseTo(0.001 + 0.1 * ((1 / 256) * 0.5 - 0.001), 12);
  });
});
