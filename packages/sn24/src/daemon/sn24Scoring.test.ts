import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  type NeuronMetagraph,
  type PerUidScores,
  STATE_FILE,
  StateStore,
} from '@taonode/neuron';
import { afterAll, describe, expect, it } from 'vitest';
import { SN24_LEGACY_STATE_FILE, sn24Scoring } from './sn24Scoring.js';

const dir = mkdtempSync(join(tmpdir(), 'sn24-state-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const logger = createLogger({ level: 'info', format: 'json', name: 'sn24-test' });
logger.level = 'silent';
const mg = {} as NeuronMetagraph;
const open = (d: string) => StateStore.open({ dir: d, file: STATE_FILE, netuid: 24, hotkey: 'v', logger });

describe('sn24Scoring', () => {
  it('keeps the spec moving average (negative after −5, null = no update) and survives a restart', async () => {
    const strategy = sn24Scoring(0.3);
    const { store } = await open(join(dir, 'a'));
    await store.attachScoring(strategy);
    const state = store.scoring as PerUidScores;
    strategy.sync(state, ['hk0', 'hk1', 'hk2']);
    strategy.update(
      state,
      [
        { uid: 0, reward: 0.2 },
        { uid: 1, reward: -5 },
        { uid: 2, reward: null },
      ],
      { metagraph: mg, step: 0 },
    );
    expect(state.scores).toEqual([0.3 * 0.2, 0.3 * -5, 0]);
    store.step++;
    await store.save();
    const again = await open(join(dir, 'a'));
    expect(await again.store.attachScoring(strategy)).toEqual({ kind: 'loaded' });
    expect((again.store.scoring as PerUidScores).scores).toEqual(state.scores);
    expect(again.store.step).toBe(1);
  });

  it('weighs the positive scores only: a punished miner gets no weight at once', () => {
    const strategy = sn24Scoring(0.3);
    const state = { hotkeys: ['a', 'b', 'c'], scores: [0.3, -1.5, 0.1] };
    const w = strategy.weights(state, { metagraph: mg });
    expect(w.uids).toEqual([0, 2]);
    expect(w.weights[0]).toBeCloseTo(0.75, 12);
  });

  it('a replaced hotkey starts from 0; a corrupt state file starts fresh with the reason', async () => {
    const strategy = sn24Scoring(0.3);
    const state = strategy.initial();
    strategy.sync(state, ['a', 'b']);
    strategy.update(state, [{ uid: 1, reward: 1 }], { metagraph: mg, step: 0 });
    strategy.sync(state, ['a', 'z', 'new']);
    expect(state.scores).toEqual([0, 0, 0]);
    const d = join(dir, 'c');
    const { store } = await open(d);
    await store.attachScoring(strategy);
    await store.save();
    writeFileSync(join(d, STATE_FILE), '{"version": 2, "scores": "oops"');
    const broken = await open(d);
    expect(broken.outcome.kind).toBe('corrupt');
    expect(await broken.store.attachScoring(strategy)).toEqual({ kind: 'fresh' });
    expect((broken.store.scoring as PerUidScores).scores).toEqual([]);
  });

  it("migrates the previous version's sn24-validator.json once, negative scores included", async () => {
    const d = join(dir, 'legacy');
    const { store } = await open(d);
    await store.save();
    writeFileSync(
      join(d, SN24_LEGACY_STATE_FILE),
      JSON.stringify({ version: 1, hotkeys: ['a', 'b'], scores: [0.2, -1.4], mirror: [0.2, 0], step: 9 }),
    );
    const fresh = await StateStore.open({
      dir: join(dir, 'legacy2'),
      file: STATE_FILE,
      netuid: 24,
      hotkey: 'v',
      logger,
    });
    expect(await fresh.store.attachScoring(sn24Scoring(0.3))).toEqual({ kind: 'fresh' });
    const migrating = await open(d);
    expect(await migrating.store.attachScoring(sn24Scoring(0.3))).toEqual({
      kind: 'migrated',
      from: [SN24_LEGACY_STATE_FILE],
    });
    expect(migrating.store.scoring).toEqual({ hotkeys: ['a', 'b'], scores: [0.2, -1.4] });
    expect(readdirSync(d).sort()).toEqual([`${SN24_LEGACY_STATE_FILE}.migrated`, STATE_FILE]);
  });
});
