import { describe, expect, it } from 'vitest';
import { epochDistance } from './blocksUntilNextEpoch.js';

describe('epochDistance (legacy schedule)', () => {
  it('matches what spec 293 did: netuid 2, tempo 3 ran epochs at blocks 4 and 8', () => {
    expect([3, 4, 5, 6, 7].map((h) => epochDistance(h, 2, 3))).toEqual([1, 4, 3, 2, 1]);
  });
  it('has no epochs at tempo 0', () => {
    expect(epochDistance(100, 1, 0)).toBeUndefined();
  });
});
