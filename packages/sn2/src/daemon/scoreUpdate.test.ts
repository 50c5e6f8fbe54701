import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type NeuronMetagraph, STATE_FILE, StateStore } from '@taonode/neuron';
import { afterAll, describe, expect, it } from 'vitest';
import { responseTimeBounds } from './responseTimeBounds.js';
import { updateScore } from './scoreUpdate.js';
import { SN2_LEGACY_STATE_FILE, type Sn2ScoreState, sn2Scoring } from './sn2Scoring.js';

const dir = mkdtempSync(join(tmpdir(), 'sn2-score-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const strategy = sn2Scoring({ timeoutSeconds: 60 });
const ctx = { metagraph: {} as NeuronMetagraph, step: 0 };
const silent = () => {
  const logger = createLogger({ level: 'info', format: 'json', name: 'sn2-test' });
  logger.level = 'silent';
  return logger;
};

async function stateWith(hotkeys: string[], scores: Record<number, number> = {}): Promise<Sn2ScoreState> {
  const state = strategy.initial();
  strategy.sync(state, hotkeys);
  for (const [uid, s] of Object.entries(scores)) state.scores[Number(uid)] = s;
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

describe('sn2Scoring: the score rule as the runtime strategy', () => {
  it('moves a verified miner up, cuts an unverified one by 40% and zeroes a non-queryable uid, exactly', async () => {
    const s = await stateWith(four, { 1: 0.1, 3: 0.2 });
    strategy.update(
      s,
      [
        { uid: 0, reward: 1, kind: 'answer', circuit: 'c', verified: true, responseTime: 1 },
        { uid: 1, reward: 0, kind: 'answer', circuit: 'c', verified: false, responseTime: null },
        { uid: 3, reward: 0, kind: 'not_queryable' },
        { uid: 9, reward: 1, kind: 'not_queryable' },
      ],
      ctx,
    );
    expect(s.scores[1]).toBe(0.06);
    expect(s.scores[3]).toBe(0);
    expect(s.scores[0]).toBeGreaterThan(0);
    // No moving average on top: the score is the rule's own, whatever alpha the operator set.
    const w = strategy.weights(s, { metagraph: ctx.metagraph });
    expect(w.uids).toEqual([0, 1]);
    expect(w.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe('SN2 scores in the runtime state store', () => {
  it('persists scores and evaluation stores, and resets a uid whose hotkey changed', async () => {
    const d = join(dir, 'persist');
    const logger = silent();
    const { store } = await StateStore.open({ dir: d, file: STATE_FILE, netuid: 2, hotkey: 'v', logger });
    await store.attachScoring(strategy);
    const state = store.scoring as Sn2ScoreState;
    strategy.sync(state, ['a', 'b']);
    state.scores[1] = 0.3;
    updateScore(state, { uid: 1, circuit: 'pow', verified: true, responseTime: 2 }, { timeoutSeconds: 60 });
    state.scores[1] = 0.3;
    await store.save();
    const again = await StateStore.open({ dir: d, file: STATE_FILE, netuid: 2, hotkey: 'v', logger });
    await again.store.attachScoring(strategy);
    const loaded = again.store.scoring as Sn2ScoreState;
    expect(loaded.scores[1]).toBe(0.3);
    expect(strategy.sync(loaded, ['a', 'z', 'c'])).toEqual([1]);
    expect(loaded.scores[1]).toBe(0);
    expect(loaded.evaluation.pow).toEqual({});
  });

  it("migrates the previous version's sn2-validator.json once (scores and evaluation stores)", async () => {
    const d = join(dir, 'legacy');
    const logger = silent();
    const open = () => StateStore.open({ dir: d, file: STATE_FILE, netuid: 2, hotkey: 'v', logger });
    const { store } = await open();
    await store.attachScoring(strategy);
    await store.save();
    const legacy = {
      version: 1,
      hotkeys: ['a', 'b'],
      scores: [0, 0.25],
      evaluation: { pow: { '1': { verified: true, responseTime: 2 } } },
    };
    writeFileSync(join(d, SN2_LEGACY_STATE_FILE), JSON.stringify(legacy));
    // A v2 file exists already: the old one is not read again.
    expect(await (await open()).store.attachScoring(strategy)).toEqual({ kind: 'loaded' });
    rmSync(join(d, STATE_FILE));
    const fresh = await open();
    expect(await fresh.store.attachScoring(strategy)).toEqual({
      kind: 'migrated',
      from: [SN2_LEGACY_STATE_FILE],
    });
    expect(fresh.store.scoring).toEqual({
      hotkeys: ['a', 'b'],
      scores: [0, 0.25],
      evaluation: legacy.evaluation,
    });
    expect(readdirSync(d).sort()).toEqual([`${SN2_LEGACY_STATE_FILE}.migrated`, STATE_FILE]);
  });
});
