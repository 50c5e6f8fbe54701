import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { movingAverage } from '../scoring/movingAverage.js';
import { perUidScoresSchema } from '../scoring/perUidScores.js';
import type { PerUidScores, ScoringStrategy } from '../scoring/scoringStrategy.js';
import { tempDirs } from '../testing/tempDirs.js';
import { loadValidatorState, MINER_STATE_FILE, STATE_FILE } from './stateFile.js';
import { StateStore } from './stateStore.js';

const dirs = tempDirs('neuron-state-');
afterAll(() => dirs.cleanup());
const logger = pino({ level: 'silent' });
const who = { netuid: 2, hotkey: '5Hot' };
const open = (dir: string, file = STATE_FILE) => StateStore.open({ dir, file, ...who, logger });

/** A validator-state.json as the previous version wrote it. */
const v1 = {
  version: 1,
  ...who,
  step: 7,
  hotkeys: ['a', null],
  scores: [0.5, 0],
  lastWeights: { block: 40, epoch: 3, uids: [0], weights: [1], mode: 'set' },
  updatedAt: new Date(0).toISOString(),
};

describe('the state store', () => {
  it('round-trips scores, step, last weights and plug-in slots through one atomic file', async () => {
    const dir = join(dirs.make(), 'nested');
    const { store, outcome } = await open(dir);
    expect(outcome).toEqual({ kind: 'fresh' });
    expect(await store.attachScoring(movingAverage(0.5))).toEqual({ kind: 'fresh' });
    const scoring = store.scoring as PerUidScores;
    scoring.hotkeys.push('a', 'b');
    scoring.scores.push(0.25, 0.75);
    store.step = 3;
    store.lastWeights = { block: 9, epoch: 0, uids: [1], weights: [1], mode: 'set' };
    const cache = store.slot('cache', z.object({ revisions: z.array(z.string()) }), { revisions: [] });
    await cache.update((c) => ({ revisions: [...c.revisions, 'abc'] }));
    await Promise.all([store.save(), store.save()]);
    expect(readdirSync(dir)).toEqual([STATE_FILE]);

    const again = await open(dir);
    expect(again.outcome).toEqual({ kind: 'loaded', version: 2 });
    expect(await again.store.attachScoring(movingAverage(0.5))).toEqual({ kind: 'loaded' });
    expect(again.store.scoring).toEqual({ hotkeys: ['a', 'b'], scores: [0.25, 0.75] });
    expect(again.store.step).toBe(3);
    expect(again.store.lastWeights?.block).toBe(9);
    expect(
      again.store.slot('cache', z.object({ revisions: z.array(z.string()) }), { revisions: [] }).value,
    ).toEqual({
      revisions: ['abc'],
    });
    // A slot whose saved value no longer parses starts from its initial value.
    expect(again.store.slot('cache2', z.number(), 1).value).toBe(1);
    // Outside readers see one score per uid, whatever the strategy.
    expect(await loadValidatorState(dir, who)).toMatchObject({
      kind: 'loaded',
      state: { step: 3, scores: [0.25, 0.75] },
    });
  });

  it("loads the previous version's validator-state.json and migrates it once, keeping step and weights", async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, STATE_FILE), JSON.stringify(v1));
    const { store, outcome } = await open(dir);
    expect(outcome).toEqual({ kind: 'loaded', version: 1 });
    expect(await store.attachScoring(movingAverage(0.3))).toEqual({
      kind: 'migrated',
      from: [`${STATE_FILE} v1`],
    });
    expect(store.scoring).toEqual({ hotkeys: ['a', null], scores: [0.5, 0] });
    expect(store.step).toBe(7);
    const saved = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8'));
    expect(saved).toMatchObject({
      version: 2,
      step: 7,
      scores: [0.5, 0],
      scoring: { kind: 'moving-average' },
    });
    expect(saved.lastWeights.block).toBe(40);
  });

  it("takes a subnet's own old score file over the runtime's copy, and sets it aside", async () => {
    const dir = dirs.make();
    writeFileSync(join(dir, STATE_FILE), JSON.stringify(v1));
    writeFileSync(join(dir, 'old-scores.json'), JSON.stringify({ scores: [-1, 2] }));
    const strategy: ScoringStrategy<PerUidScores> = {
      ...movingAverage(0.3),
      kind: 'signed',
      schema: perUidScoresSchema,
      migrate: {
        legacyFile: 'old-scores.json',
        from: ({ legacy, runtime }) =>
          legacy ? { hotkeys: runtime!.hotkeys, scores: (legacy as { scores: number[] }).scores } : runtime,
      },
    };
    const { store } = await open(dir);
    expect(await store.attachScoring(strategy)).toEqual({
      kind: 'migrated',
      from: [`${STATE_FILE} v1`, 'old-scores.json'],
    });
    expect(store.scoring).toEqual({ hotkeys: ['a', null], scores: [-1, 2] });
    expect(readdirSync(dir).sort()).toEqual(['old-scores.json.migrated', STATE_FILE]);
    // Migrated once: the next start loads version 2.
    const next = await open(dir);
    expect(await next.store.attachScoring(strategy)).toEqual({ kind: 'loaded' });
  });

  it('reports a foreign file, moves a corrupt one aside, and starts fresh on another scoring rule', async () => {
    const dir = dirs.make();
    const { store } = await open(dir);
    await store.attachScoring(movingAverage(0.5));
    await store.save();
    expect(
      (await StateStore.open({ dir, file: STATE_FILE, netuid: 3, hotkey: '5Hot', logger })).outcome.kind,
    ).toBe('mismatch');
    const other = await open(dir);
    const changed = await other.store.attachScoring({ ...movingAverage(0.5), kind: 'other-rule' });
    expect(changed).toEqual({ kind: 'strategy-changed', was: 'moving-average' });
    writeFileSync(join(dir, STATE_FILE), '{"version":2,"scores":[');
    const broken = await open(dir);
    expect(broken.outcome.kind).toBe('corrupt');
    expect(readdirSync(dir).some((f) => f.startsWith(`${STATE_FILE}.corrupt-`))).toBe(true);
    expect((await open(dir)).outcome).toEqual({ kind: 'fresh' });
  });

  it("writes a miner's file only once its plug-in keeps something", async () => {
    const dir = dirs.make();
    const { store } = await open(dir, MINER_STATE_FILE);
    const slot = store.slot('commitment', z.string().nullable(), null);
    expect(readdirSync(dir)).toEqual([]);
    await slot.set('ns:name:0:abc');
    const again = await open(dir, MINER_STATE_FILE);
    expect(again.store.slot('commitment', z.string().nullable(), null).value).toBe('ns:name:0:abc');
    expect(JSON.parse(readFileSync(join(dir, MINER_STATE_FILE), 'utf8')).scoring).toBeNull();
  });
});
