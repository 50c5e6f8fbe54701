import type { ModelSource } from '@taonode/inference';
import type { CaptionModelOptions } from '../decode/captionModel.js';
import { Sn21Error } from '../errors.js';
import type { BaselineSource } from '../evaluation/evaluateModel.js';
import type { Sn21Options } from './sn21Options.js';

/** A flag combination the option types cannot check; the runtime refuses it before connecting. */
export class Sn21SettingsError extends Sn21Error {
  constructor(message: string) {
    super('SN21_SETTINGS', message, {
      disposition: 'usage',
      hint: 'see docs/sn21.md, "Running the daemons"',
    });
  }
}

const REPO = /^[\w.-]+\/[\w.-]+$/;
const REPO_AT_COMMIT = /^([\w.-]+\/[\w.-]+)@([0-9a-f]{40})$/;
const COMMIT = /^[0-9a-f]{40}$/;

/** `owner/name@<40-hex>` of a flag, or a settings error naming the flag. */
export function repoAtCommit(flag: string, value: string): { repo: string; revision: string } {
  const m = REPO_AT_COMMIT.exec(value);
  if (!m) {
    throw new Sn21SettingsError(
      `--${flag} must be owner/name@<40-hex commit> (branches and tags can move), got '${value}'`,
    );
  }
  return { repo: m[1]!, revision: m[2]! };
}

export function sessionOf(o: Sn21Options): CaptionModelOptions {
  return {
    device: o.inferenceDevice,
    ...(o.inferenceThreads === undefined ? {} : { threads: o.inferenceThreads }),
  };
}

/** The model the miner keeps committed: published from a folder, or a pinned revision. */
export type MinerModel =
  | { kind: 'folder'; dir: string; repo: string; epoch: string }
  | { kind: 'revision'; repo: string; revision: string; epoch: string }
  | { kind: 'none' };

export function minerModel(o: Sn21Options): MinerModel {
  if (o.repo !== undefined && !REPO.test(o.repo)) {
    throw new Sn21SettingsError(`--sn21.repo must be namespace/name, got '${o.repo}'`);
  }
  if (o.modelDir !== undefined && o.revision !== undefined) {
    throw new Sn21SettingsError(
      'give --sn21.model_dir (publish a folder) or --sn21.revision (a pinned upload), not both',
    );
  }
  if (o.modelDir !== undefined || o.revision !== undefined) {
    if (o.repo === undefined) {
      throw new Sn21SettingsError(
        `--sn21.${o.modelDir !== undefined ? 'model_dir' : 'revision'} needs --sn21.repo namespace/name`,
      );
    }
  }
  if (o.revision !== undefined && !COMMIT.test(o.revision)) {
    throw new Sn21SettingsError(`--sn21.revision must be a 40-hex commit sha, got '${o.revision}'`);
  }
  if (o.modelDir !== undefined) return { kind: 'folder', dir: o.modelDir, repo: o.repo!, epoch: o.epoch };
  if (o.revision !== undefined)
    return { kind: 'revision', repo: o.repo!, revision: o.revision, epoch: o.epoch };
  return { kind: 'none' };
}

export interface ValidatorSources {
  dataset: { kind: 'local'; dir: string } | { kind: 'hf'; repo: string; revision?: string };
  baseline: BaselineSource;
  text: { kind: 'test' } | { kind: 'source'; source: ModelSource };
}

export function validatorSources(o: Sn21Options): ValidatorSources {
  const one = <T>(what: string, a: [string, T | undefined], b: [string, T | undefined]): [string, T] => {
    if (a[1] !== undefined && b[1] !== undefined) {
      throw new Sn21SettingsError(`give --${a[0]} or --${b[0]} for the ${what}, not both`);
    }
    const picked = a[1] !== undefined ? a : b;
    if (picked[1] === undefined) {
      throw new Sn21SettingsError(`the SN21 validator needs the ${what}: --${a[0]} or --${b[0]}`);
    }
    return picked as [string, T];
  };
  const [dFlag, d] = one('dataset', ['sn21.dataset_dir', o.datasetDir], ['sn21.dataset_repo', o.datasetRepo]);
  let dataset: ValidatorSources['dataset'];
  if (dFlag === 'sn21.dataset_dir') dataset = { kind: 'local', dir: d };
  else {
    const [repo, revision] = d.split('@') as [string, string | undefined];
    if (!REPO.test(repo))
      throw new Sn21SettingsError(`--sn21.dataset_repo must be owner/name[@revision], got '${d}'`);
    dataset = { kind: 'hf', repo, ...(revision ? { revision } : {}) };
  }
  const [bFlag, b] = one(
    'baseline model',
    ['sn21.baseline_dir', o.baselineDir],
    ['sn21.baseline_repo', o.baselineRepo],
  );
  const baseline: BaselineSource =
    bFlag === 'sn21.baseline_dir' ? { kind: 'local', dir: b } : { kind: 'hf', ...repoAtCommit(bFlag, b) };
  let text: ValidatorSources['text'];
  if (o.testModels) text = { kind: 'test' };
  else {
    const [tFlag, t] = one(
      'ImageBind text encoder',
      ['sn21.imagebind_dir', o.imagebindDir],
      ['sn21.imagebind_repo', o.imagebindRepo],
    );
    text =
      tFlag === 'sn21.imagebind_dir'
        ? { kind: 'source', source: { kind: 'local', dir: t } }
        : { kind: 'source', source: { kind: 'hf', ...repoAtCommit(tFlag, t), hubUrl: o.hubUrl } };
  }
  return { dataset, baseline, text };
}
