import { describe, expect, it } from 'vitest';
import type { NeuronMetagraph } from '../chainPort/types.js';
import { movingAverage } from './movingAverage.js';
import type { PerUidScores, Reward } from './scoringStrategy.js';

const mg = {} as NeuronMetagraph;
const ctx = { metagraph: mg, step: 0 };

function book(alpha: number, state: PerUidScores = { hotkeys: [], scores: [] }) {
  const s = movingAverage(alpha);
  return {
    state,
    update: (rewards: Reward[]) => s.update(state, rewards, ctx),
    sync: (hotkeys: string[]) => s.sync(state, hotkeys),
    weights: () => s.weights(state, { metagraph: mg }),
  };
}

describe('movingAverage (the default scoring strategy)', () => {
  it('keeps an exponential moving average per uid', () => {
    const b = book(0.5);
    b.sync(['a', 'b', 'c']);
    b.update([{ uid: 1, reward: 1 }]);
    b.update([
      { uid: 1, reward: 1 },
      { uid: 2, reward: 0.5 },
    ]);
    expect(b.state.scores[1]).toBeCloseTo(0.75);
    expect(b.state.scores[2]).toBeCloseTo(0.25);
    expect(b.state.scores[0]).toBe(0);
  });

  it('treats bad rewards as 0, null as no update, and ignores unknown uids', () => {
    const b = book(0.5, { hotkeys: ['a', 'b', 'c'], scores: [0.5, 0.5, 0.5] });
    b.update([
      { uid: 0, reward: Number.NaN },
      { uid: 1, reward: -3 },
      { uid: 2, reward: null },
      { uid: 9, reward: 1 },
    ]);
    expect(b.state.scores).toEqual([0.25, 0.25, 0.5]);
  });

  it('resets a uid whose hotkey changed and follows the subnet size', () => {
    const b = book(0.5, { hotkeys: ['a', 'b', 'c'], scores: [0.1, 0.2, 0.3] });
    expect(b.sync(['a', 'x', 'c', 'd'])).toEqual([1]);
    expect(b.state).toEqual({ hotkeys: ['a', 'x', 'c', 'd'], scores: [0.1, 0, 0.3, 0] });
    b.sync(['a']);
    expect(b.state).toEqual({ hotkeys: ['a'], scores: [0.1] });
  });

  it('turns positive scores into normalised weights', () => {
    const { uids, weights } = book(0.5, { hotkeys: ['a', 'b', 'c'], scores: [0, 0.3, 0.1] }).weights();
    expect(uids).toEqual([1, 2]);
    expect(weights[0]).toBeCloseTo(0.75);
    expect(book(0.5).weights()).toEqual({ uids: [], weights: [] });
  });
});
