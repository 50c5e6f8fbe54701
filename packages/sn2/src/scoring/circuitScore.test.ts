import { describe, expect, it } from 'vitest';
import {
  circuitScoreUpdate,
  curvePolynomial,
  type ScaledConstants,
  type ScaledScoreRecord,
} from './circuitScore.js';

const S = 100_000_000n;
const constants: ScaledConstants = {
  rateOfDecay: 40_000_000n,
  rateOfRecovery: 10_000_000n,
  competitionWeight: 0n,
  responseTimeWeight: S,
  maximumResponseTimeDecimal: 99_000_000n,
};
const M = S / 256n; // 390625
const record = (over: Partial<ScaledScoreRecord>): ScaledScoreRecord => ({
  maximumScore: M,
  previousScore: 100_000n,
  verified: true,
  responseTime: 10n * S,
  competition: 0n,
  minimumResponseTime: 10n * S,
  maximumResponseTime: 20n * S,
  ...over,
});

describe('curvePolynomial (spec §5.3)', () => {
  it('matches the spec table of 1 - P(x) to three decimals', () => {
    const table: Array<[number, number]> = [
      [0, 1.0],
      [0.1, 0.704],
      [0.25, 0.555],
      [0.5, 0.5],
      [0.75, 0.445],
      [0.9, 0.296],
      [0.99, 0.042],
    ];
    for (const [x, want] of table) {
      const oneMinusP = Number(S - curvePolynomial(BigInt(Math.round(x * 1e8)))) / 1e8;
      expect(oneMinusP).toBeCloseTo(want, 3);
    }
  });

  it('hits the integer values worked out by hand', () => {
    // x = 0: 41735537 + 0 - floor(5e7^3 / 3.025e17) - floor(5e7^5 / 7.5625e30) = 41735537 - 413223 - 41322314
    expect(curvePolynomial(0n)).toBe(0n);
    // x = 0.5: 41735537 + floor(20 * 5e7 / 121) = 41735537 + 8264462
    expect(curvePolynomial(50_000_000n)).toBe(49_999_999n);
    // x = 1: 41735537 + 16528925 + 413223 + 41322314
    expect(curvePolynomial(S)).toBe(99_999_999n);
    // x = 0.99: 41735537 + floor(20 * 99e6 / 121) + floor(49e6^3 / 3.025e17) + floor(49e6^5 / 7.5625e30)
    expect(curvePolynomial(99_000_000n)).toBe(41_735_537n + 16_363_636n + 388_922n + 37_352_099n);
  });
});

describe('circuitScoreUpdate', () => {
  it('fastest verified response moves 10% of the way to the maximum score', () => {
    // frac = S, target = M = 390625; 100000 + floor(0.1 * 290625) = 129062
    expect(circuitScoreUpdate(record({}), constants)).toBe(129_062n);
  });

  it('an unverified response loses 40%', () => {
    expect(circuitScoreUpdate(record({ verified: false }), constants)).toBe(60_000n);
  });

  it('a response at rmax is capped at x = 0.99 and a score above the target falls', () => {
    // P(0.99) = 95840194, frac = 4159806, target = floor(390625 * 4159806 / 1e8) = 16249,
    // new = 390625 - floor(0.1 * (390625 - 16249)) = 390625 - 37437
    const r = record({ previousScore: M, responseTime: 20n * S });
    expect(circuitScoreUpdate(r, constants)).toBe(353_188n);
  });

  it('a response faster than rmin counts as rmin', () => {
    expect(circuitScoreUpdate(record({ responseTime: 5n * S }), constants)).toBe(129_062n);
  });

  it('rmax == rmin uses a one-second spread', () => {
    // r = rmin + 0.5 s, spread 1 s: xn = 0.5, 1 - P = 0.50000001, target = floor(390625 * 50000001 / 1e8) = 195312
    const r = record({ maximumResponseTime: 10n * S, responseTime: 10n * S + S / 2n });
    expect(circuitScoreUpdate(r, constants)).toBe(100_000n + (10_000_000n * (195_312n - 100_000n)) / S);
  });

  it('competition adds to the metric only with a non-zero weight, and frac is capped at 1', () => {
    const r = record({ competition: S, responseTime: 20n * S });
    const noWeight = circuitScoreUpdate(r, constants);
    const weighted = circuitScoreUpdate(r, { ...constants, competitionWeight: S });
    expect(weighted).toBeGreaterThan(noWeight);
    expect(weighted).toBe(circuitScoreUpdate(record({}), constants));
  });
});
