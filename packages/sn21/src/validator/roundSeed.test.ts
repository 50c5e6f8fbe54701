import { describe, expect, it } from 'vitest';
import { seedBlockOf } from './roundSeed.js';

describe('seedBlockOf', () => {
  it('is the first block of the window, never the genesis block (it has no timestamp)', () => {
    expect(seedBlockOf(250, 100)).toBe(200);
    expect(seedBlockOf(200, 100)).toBe(200);
    expect(seedBlockOf(25, 100)).toBe(1);
    expect(seedBlockOf(0, 100)).toBe(0);
    expect(() => seedBlockOf(5, 0)).toThrow(RangeError);
  });
});
