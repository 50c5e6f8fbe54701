import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScoreBook } from '@taonode/neuron';
import { afterAll, describe, expect, it } from 'vitest';
import { SN24_STATE_FILE, Sn24ScoreState } from './sn24ScoreState.js';

const dir = mkdtempSync(join(tmpdir(), 'sn24-state-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('Sn24ScoreState', () => {
  it('keeps the spec moving average (negative after −5, null = no update) and survives a restart', async () => {
    const { state } = await Sn24ScoreState.load(join(dir, 'a'));
    state.sync(['hk0', 'hk1', 'hk2']);
    state.apply(
      [
        { uid: 0, reward: 0.2 },
        { uid: 1, reward: -5 },
        { uid: 2, reward: null },
      ],
      0.3,
    );
    expect(state.scores).toEqual([0.3 * 0.2, 0.3 * -5, 0]);
    await state.save();
    const again = await Sn24ScoreState.load(join(dir, 'a'));
    expect(again.problem).toBeUndefined();
    expect(again.state.scores).toEqual(state.scores);
    expect(again.state.step).toBe(1);
  });

  it("drives the runtime's clamped book to max(0, score) (falling by at most 1 − α a step)", async () => {
    const { state } = await Sn24ScoreState.load(join(dir, 'b'));
    const book = new ScoreBook();
    const hotkeys = ['hk0', 'hk1'];
    state.sync(hotkeys);
    book.syncHotkeys(hotkeys);
    const alpha = 0.3;
    const steps: [number | null, number | null][] = [
      [0.1, 0.2],
      [0.1, 0.2],
      [null, -5],
      [0.3, 0.2],
    ];
    for (const [r0, r1] of steps) {
      const rewards = state.apply(
        [
          { uid: 0, reward: r0 },
          { uid: 1, reward: r1 },
        ],
        alpha,
      );
      book.update(rewards, alpha);
      const target0 = Math.max(0, state.scores[0]!);
      expect(book.score(0)).toBeCloseTo(target0, 12);
    }
    // uid 1 went negative: its book value is 0 or decaying towards it, never above the last value.
    expect(state.scores[1]!).toBeLessThan(0);
    expect(book.score(1)).toBeLessThan(0.2 * 0.3);
  });

  it('a replaced hotkey starts from 0; a corrupt file starts fresh with the reason', async () => {
    const { state } = await Sn24ScoreState.load(join(dir, 'c'));
    state.sync(['a', 'b']);
    state.apply([{ uid: 1, reward: 1 }], 0.3);
    state.sync(['a', 'z', 'new']);
    expect(state.scores).toEqual([0, 0, 0]);
    await state.save();
    writeFileSync(join(dir, 'c', SN24_STATE_FILE), '{"version": 1, "scores": "oops"');
    const broken = await Sn24ScoreState.load(join(dir, 'c'));
    expect(broken.problem).toBeDefined();
    expect(broken.state.scores).toEqual([]);
  });
});
