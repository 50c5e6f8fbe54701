import { describe, expect, it } from 'vitest';
import { focusScores, withFocusShare } from './focusScores.js';

describe('focusScores', () => {
  it("is each hotkey's share of the TAO spent on verified purchases in the window", () => {
    const purchases = [
      { hotkey: 'a', amountRao: 300n, blockNumber: 90 },
      { hotkey: 'b', amountRao: 100n, blockNumber: 95 },
      { hotkey: 'a', amountRao: 600n, blockNumber: 10 }, // outside the window at head 100
      { hotkey: 'gone', amountRao: 100n, blockNumber: 99 }, // not in the metagraph, still in the total
    ];
    expect(focusScores(purchases, ['a', 'b', 'c'], { head: 100, windowBlocks: 50 })).toEqual([0.6, 0.2, 0]);
    expect(focusScores([], ['a'], { head: 100, windowBlocks: 50 })).toEqual([0]);
  });
});

describe('withFocusShare', () => {
  it('mixes the L1-normalised YouTube scores and Focus scores by the share (spec 5.7)', () => {
    const base = [0, 2, 2];
    expect(withFocusShare(base, [0, 0, 0], 0.05).map((x) => +x.toFixed(6))).toEqual([0, 0.475, 0.475]);
    // The only buyer's score rises by exactly the Focus share.
    const mixed = withFocusShare(base, [0, 1, 0], 0.05);
    expect(mixed[1]! - 0.475).toBeCloseTo(0.05, 12);
    expect(mixed[2]).toBeCloseTo(0.475, 12);
    expect(withFocusShare([0, 0], [0.25, 0.75], 1)).toEqual([0.25, 0.75]);
    // A punished (negative) YouTube score never makes a negative weight.
    expect(withFocusShare([-5, 5], [0, 1], 0.5)[0]).toBe(0);
  });
});
