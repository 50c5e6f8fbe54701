import { describe, expect, it } from 'vitest';
import { fromHalfBits, toHalfBits } from './float16.js';

describe('float16', () => {
  it('converts exactly representable values and rounds to nearest even', () => {
    for (const v of [0, 1, -2, 0.5, 65504, 2 ** -14, 2 ** -24, 1.5, -0.375]) {
      expect(fromHalfBits(toHalfBits(v))).toBe(v);
    }
    expect(toHalfBits(1)).toBe(0x3c00);
    expect(toHalfBits(65520)).toBe(0x7c00); // rounds up past the largest half → inf
    expect(fromHalfBits(toHalfBits(1 + 2 ** -11))).toBe(1); // tie → even
    expect(fromHalfBits(toHalfBits(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(Number.isNaN(fromHalfBits(toHalfBits(Number.NaN)))).toBe(true);
  });

  it('keeps 11 significant bits over the latent range', () => {
    for (let i = 0; i < 1000; i++) {
      const v = Math.sin(i) * 10;
      expect(Math.abs(fromHalfBits(toHalfBits(v)) - v)).toBeLessThanOrEqual(
        Math.abs(v) * 2 ** -11 + 2 ** -25,
      );
    }
  });
});
