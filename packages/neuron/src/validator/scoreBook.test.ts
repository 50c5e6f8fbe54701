import { describe, expect, it } from 'vitest';
import { ScoreBook } from './scoreBook.js';

describe('ScoreBook', () => {
  it('keeps an exponential moving average per uid', () => {
    const book = new ScoreBook();
    book.syncHotkeys(['a', 'b', 'c']);
    book.update([{ uid: 1, reward: 1 }], 0.5);
    book.update(
      [
        { uid: 1, reward: 1 },
        { uid: 2, reward: 0.5 },
      ],
      0.5,
    );
    expect(book.score(1)).toBeCloseTo(0.75);
    expect(book.score(2)).toBeCloseTo(0.25);
    expect(book.score(0)).toBe(0);
  });

  it('treats bad rewards as 0 and ignores unknown uids', () => {
    const book = new ScoreBook({ hotkeys: ['a', 'b'], scores: [0.5, 0.5] });
    book.update(
      [
        { uid: 0, reward: Number.NaN },
        { uid: 1, reward: -3 },
        { uid: 9, reward: 1 },
      ],
      0.5,
    );
    expect(book.snapshot().scores).toEqual([0.25, 0.25]);
  });

  it('resets a uid whose hotkey changed and follows the subnet size', () => {
    const book = new ScoreBook({ hotkeys: ['a', 'b', 'c'], scores: [0.1, 0.2, 0.3] });
    expect(book.syncHotkeys(['a', 'x', 'c', 'd'])).toEqual([1]);
    expect(book.snapshot()).toEqual({ hotkeys: ['a', 'x', 'c', 'd'], scores: [0.1, 0, 0.3, 0] });
    book.syncHotkeys(['a']);
    expect(book.snapshot()).toEqual({ hotkeys: ['a'], scores: [0.1] });
  });

  it('turns positive scores into normalised weights', () => {
    const book = new ScoreBook({ hotkeys: ['a', 'b', 'c'], scores: [0, 0.3, 0.1] });
    const { uids, weights } = book.toWeights();
    expect(uids).toEqual([1, 2]);
    expect(weights[0]).toBeCloseTo(0.75);
    expect(new ScoreBook().toWeights()).toEqual({ uids: [], weights: [] });
  });
});
