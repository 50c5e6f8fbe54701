import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../testing/tempDirs.js';
import { loadValidatorState, STATE_FILE, saveValidatorState, type ValidatorState } from './validatorState.js';

const dirs = tempDirs('neuron-state-');
afterAll(() => dirs.cleanup());

const state: ValidatorState = {
  version: 1,
  netuid: 2,
  hotkey: '5Hot',
  step: 7,
  hotkeys: ['a', null],
  scores: [0.5, 0],
  lastWeights: { block: 40, epoch: 3, uids: [0], weights: [1], mode: 'set' },
  updatedAt: new Date(0).toISOString(),
};

describe('validator state', () => {
  it('round-trips through an atomic write and leaves no temp file', async () => {
    const dir = join(dirs.make(), 'nested');
    await saveValidatorState(dir, state);
    await saveValidatorState(dir, { ...state, step: 8 });
    expect(readdirSync(dir)).toEqual([STATE_FILE]);
    expect(await loadValidatorState(dir, { netuid: 2, hotkey: '5Hot' })).toEqual({
      kind: 'loaded',
      state: { ...state, step: 8 },
    });
  });

  it('reports a missing file, a foreign one, and moves a corrupt one aside', async () => {
    const dir = dirs.make();
    expect(await loadValidatorState(dir, { netuid: 2, hotkey: '5Hot' })).toEqual({ kind: 'missing' });
    await saveValidatorState(dir, state);
    expect((await loadValidatorState(dir, { netuid: 3, hotkey: '5Hot' })).kind).toBe('mismatch');
    writeFileSync(join(dir, STATE_FILE), '{"version":1,"scores":[');
    const r = await loadValidatorState(dir, { netuid: 2, hotkey: '5Hot' });
    expect(r.kind).toBe('corrupt');
    expect(readdirSync(dir).some((f) => f.startsWith(`${STATE_FILE}.corrupt-`))).toBe(true);
    expect(await loadValidatorState(dir, { netuid: 2, hotkey: '5Hot' })).toEqual({ kind: 'missing' });
  });
});
