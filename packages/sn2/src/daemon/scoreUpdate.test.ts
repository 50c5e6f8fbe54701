import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { responseTimeBounds } from './responseTimeBounds.js';
import { ScoreState, SN2_STATE_FILE } from './scoreState.js';
import { runtimeReward, runtimeScoreAfter, updateScore } from './scoreUpdate.js';

const dir = mkdtempSync(join(tmpdir(), 'sn2-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stateWith(hotkeys: string[], scores: Record<number, number> = {}): Promise<ScoreState> {
  const { state } = await ScoreState.load(join(dir, `s-${Math.random()}`));
  state.syncHotkeys(hotkeys);
  for (const [uid, s] of Object.entries(scores)) state.setScore(Number(uid), s);
  return state;
}
const four = ['a', 'b', 'c', 'd'];

describe('responseTimeBounds (spec §4.4)', () => {
  it('fewer than two successes: 0 and the timeout', () => {
    expect(responseTimeBounds([], 60)).toEqual({ minimum: 0, maximum: 60 });
    expect(responseTimeBounds([2], 60)).toEqual({ minimum: 0, maximum: 60 });
  });
  it('fastest success, and the median of the slowest 5% (at least one)', () => {
    expect(responseTimeBounds([1, 2, 3], 60)).toEqual({ minimum: 1, maximum: 3 });
    const forty = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(responseTimeBounds(forty, 60)).toEqual({ minimum: 1, maximum: 39.5 });
  });
  it('clamps to the timeout and widens a spread under one second to one second', () => {
    expect(responseTimeBounds([5, 5.5], 60)).toEqual({ minimum: 5, maximum: 6 });
    expect(responseTimeBounds([70, 80], 60)).toEqual({ minimum: 60, maximum: 61 });
  });
});

describe('updateScore: golden cases worked out by hand (§5.3 arithmetic)', () => {
  it('the fastest verified miner moves 10% of the way to M = 1/n (P(0) = 0 exactly)', async () => {
    const s = await stateWith(four);
    updateScore(s, { uid: 1, circuit: 'c', verified: true, responseTime: 3 }, { timeoutSeconds: 60 });
    const u = updateScore(
      s,
      { uid: 0, circuit: 'c', verified: true, responseTime: 1 },
      { timeoutSeconds: 60 },
    );
    // M = 0.25 → 25,000,000; new = 0 + 1e7 · 25e6 / 1e8 = 2,500,000 → 0.025
    expect(u).toMatchObject({ previous: 0, next: 0.025, minimumResponseTime: 1, maximumResponseTime: 3 });
  });
  it('an unverified answer cuts the score by 40%: 0.1 → 0.06', async () => {
    const s = await stateWith(four, { 2: 0.1 });
    const u = updateScore(
      s,
      { uid: 2, circuit: 'c', verified: false, responseTime: null },
      { timeoutSeconds: 60 },
    );
    expect(u.next).toBe(0.06);
  });
  it('the slowest miner (x capped at 0.99) aims at 1 − P(0.99) ≈ 0.042 of M', async () => {
    const s = await stateWith(four);
    updateScore(s, { uid: 0, circuit: 'c', verified: true, responseTime: 1 }, { timeoutSeconds: 60 });
    const u = updateScore(
      s,
      { uid: 1, circuit: 'c', verified: true, responseTime: 9 },
      { timeoutSeconds: 60 },
    );
    // the spec's table gives 0.042 to three decimals; the integer arithmetic gives 0.0415980
    expect(u.next / (0.1 * 0.25)).toBeCloseTo(0.042, 3);
    expect(u.next).toBe(0.00103995);
  });
  it('a score above the target falls by 10% of the gap', async () => {
    const s = await stateWith(four, { 1: 0.2 });
    updateScore(s, { uid: 0, circuit: 'c', verified: true, responseTime: 1 }, { timeoutSeconds: 60 });
    const u = updateScore(
      s,
      { uid: 1, circuit: 'c', verified: true, responseTime: 1 },
      { timeoutSeconds: 60 },
    );
    // target = M = 0.25 > 0.2: up by 0.005 → 0.205
    expect(u.next).toBeCloseTo(0.205, 8);
  });
  it('each circuit keeps its own response-time bounds', async () => {
    const s = await stateWith(four);
    updateScore(s, { uid: 0, circuit: 'pow', verified: true, responseTime: 1 }, { timeoutSeconds: 60 });
    updateScore(s, { uid: 1, circuit: 'pow', verified: true, responseTime: 2 }, { timeoutSeconds: 60 });
    const u = updateScore(
      s,
      { uid: 2, circuit: 'mlp', verified: true, responseTime: 5 },
      { timeoutSeconds: 60 },
    );
    expect(u).toMatchObject({ minimumResponseTime: 0, maximumResponseTime: 60 });
  });
});

describe('runtimeReward: the runtime moving average lands on the SN2 score', () => {
  it('exact for alpha 0.4, verified and unverified', () => {
    for (const [prev, next] of [
      [0.1, 0.06],
      [0.1, 0.115],
      [0, 0.025],
    ] as const) {
      const r = runtimeReward(prev, next, 0.4);
      expect(r).toBeGreaterThanOrEqual(0);
      expect(runtimeScoreAfter(prev, r, 0.4)).toBeCloseTo(next, 12);
    }
  });
  it('below 0.4 a cut is clamped at reward 0 (falls by alpha); alpha 0 never moves', () => {
    expect(runtimeReward(0.1, 0.06, 0.3)).toBe(0);
    expect(runtimeScoreAfter(0.1, 0, 0.3)).toBeCloseTo(0.07, 12);
    expect(runtimeReward(0.1, 0.2, 0)).toBe(0);
  });
});

describe('ScoreState', () => {
  it('persists scores and evaluation stores, and resets a uid whose hotkey changed', async () => {
    const d = join(dir, 'persist');
    const { state } = await ScoreState.load(d);
    state.syncHotkeys(['a', 'b']);
    state.setScore(1, 0.3);
    state.record('pow', 1, true, 2);
    await state.save();
    const again = (await ScoreState.load(d)).state;
    expect(again.score(1)).toBe(0.3);
    expect(again.syncHotkeys(['a', 'z', 'c'])).toEqual([1]);
    expect(again.score(1)).toBe(0);
    expect(again.record('pow', 0, true, 1)).toEqual([1]);
  });
  it('an unreadable file starts fresh and says why', async () => {
    const d = join(dir, 'corrupt');
    const { state } = await ScoreState.load(d);
    await state.save();
    writeFileSync(join(d, SN2_STATE_FILE), '{"version": 9');
    const loaded = await ScoreState.load(d);
    expect(loaded.problem).toBeDefined();
    expect(loaded.state.size).toBe(0);
  });
});
