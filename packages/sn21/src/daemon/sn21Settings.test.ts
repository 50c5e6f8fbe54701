import { describe, expect, it } from 'vitest';
import type { Sn21Options } from './sn21Options.js';
import { sn21Plugin } from './sn21Plugin.js';
import { minerModel, Sn21SettingsError, validatorSources } from './sn21Settings.js';

const SHA = 'c7151b9f7abdefdc2c25e9fee81594faf9366c5e';
const base: Sn21Options = {
  inferenceDevice: 'cpu',
  inferenceThreads: undefined,
  hubUrl: 'https://huggingface.co',
  competition: 'o1',
  modelDir: undefined,
  repo: undefined,
  revision: undefined,
  epoch: '0',
  autoCommit: 'on',
  hfTokenFile: undefined,
  checkInterval: 300,
  commitRetry: 600,
  datasetDir: undefined,
  datasetRepo: undefined,
  baselineDir: undefined,
  baselineRepo: undefined,
  imagebindDir: undefined,
  imagebindRepo: undefined,
  testModels: false,
  cacheDir: undefined,
  cacheGb: 64,
  timeLimit: 1800,
  maxNewTokens: 300,
  roundBlocks: 300,
  reevaluateHours: 24,
  maxRepoGb: 18,
  burnUid: undefined,
};
const problem = (role: 'miner' | 'validator', o: Partial<Sn21Options>) =>
  sn21Plugin.checkConfig!({ role } as Parameters<NonNullable<typeof sn21Plugin.checkConfig>>[0], {
    ...base,
    ...o,
  });

describe('SN21 daemon settings', () => {
  it('miner: a folder or a pinned revision, each with its repo', () => {
    expect(minerModel(base)).toEqual({ kind: 'none' });
    expect(minerModel({ ...base, modelDir: '/m', repo: 'a/b' })).toMatchObject({
      kind: 'folder',
      repo: 'a/b',
    });
    expect(minerModel({ ...base, revision: SHA, repo: 'a/b' })).toMatchObject({
      kind: 'revision',
      revision: SHA,
    });
    expect(problem('miner', { modelDir: '/m' })).toMatch(/--sn21.model_dir needs --sn21.repo/);
    expect(problem('miner', { repo: 'a/b', revision: 'main' })).toMatch(/40-hex/);
    expect(problem('miner', { repo: 'a/b', revision: SHA, modelDir: '/m' })).toMatch(/not both/);
    expect(problem('miner', { repo: 'nope' })).toMatch(/namespace\/name/);
    expect(problem('miner', { repo: 'a/b', modelDir: '/m' })).toBeUndefined();
  });

  it('validator: rows, baseline and text encoder each from exactly one place', () => {
    expect(problem('validator', {})).toMatch(/needs the dataset: --sn21.dataset_dir or --sn21.dataset_repo/);
    const ok = { datasetDir: '/d', baselineDir: '/b', testModels: true };
    expect(problem('validator', ok)).toBeUndefined();
    expect(problem('validator', { ...ok, baselineRepo: `o/n@${SHA}` })).toMatch(/not both/);
    expect(problem('validator', { ...ok, baselineDir: undefined, baselineRepo: 'o/n@main' })).toMatch(
      /--sn21.baseline_repo must be owner\/name@<40-hex commit>/,
    );
    expect(problem('validator', { ...ok, testModels: false })).toMatch(/ImageBind text encoder/);
    const s = validatorSources({
      ...base,
      datasetRepo: 'o/ds@v1',
      baselineRepo: `o/n@${SHA}`,
      imagebindRepo: `o/ib@${SHA}`,
    });
    expect(s).toEqual({
      dataset: { kind: 'hf', repo: 'o/ds', revision: 'v1' },
      baseline: { kind: 'hf', repo: 'o/n', revision: SHA },
      text: {
        kind: 'source',
        source: { kind: 'hf', repo: 'o/ib', revision: SHA, hubUrl: 'https://huggingface.co' },
      },
    });
    expect(() => validatorSources({ ...base, datasetRepo: 'bad' })).toThrow(Sn21SettingsError);
  });
});
