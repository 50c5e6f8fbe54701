import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSource } from '@taonode/inference';
import type { ImageBindModelOptions, Sn24ModelOptions } from '../models/modelOptions.js';
import { type Sn24Settings, Sn24SettingsError } from './sn24Settings.js';

type ModelName = 'imagebind' | 'gte' | 'unstuffer';

const REPO_AT_COMMIT = /^([\w.-]+\/[\w.-]+)@([0-9a-f]{40})$/;

/** `--sn24.<name>_repo owner/name@commit`, else `<model_dir>/<name>`. */
export function modelSource(name: ModelName, s: Sn24Settings): ModelSource {
  const repo = { imagebind: s.imagebindRepo, gte: s.gteRepo, unstuffer: s.unstufferRepo }[name];
  if (repo !== undefined) {
    const m = REPO_AT_COMMIT.exec(repo);
    if (!m) {
      throw new Sn24SettingsError(
        `--sn24.${name}_repo must be owner/name@<40-hex commit> (branches and tags can move), got '${repo}'`,
      );
    }
    return { kind: 'hf', repo: m[1]!, revision: m[2]!, hubUrl: s.hfEndpoint };
  }
  if (s.modelDir !== undefined) return { kind: 'local', dir: join(s.modelDir, name) };
  throw new Sn24SettingsError(
    `SN24 needs its models: --sn24.model_dir, --sn24.${name}_repo or --sn24.model_config (--sn24.test_models for tests)`,
  );
}

export function inferenceOf(s: Sn24Settings): NonNullable<Sn24ModelOptions['inference']> {
  return {
    device: s.inferenceDevice,
    batch_size: s.inferenceBatchSize,
    ...(s.inferenceThreads !== undefined ? { threads: s.inferenceThreads } : {}),
  };
}

async function modelConfigFile(file: string): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not a JSON object');
    return parsed as Record<string, unknown>;
  } catch (err) {
    throw new Sn24SettingsError(`--sn24.model_config ${file}: ${(err as Error).message}`);
  }
}

/**
 * Model options for the validator (every model) from the flags; `--sn24.model_config` wins. The
 * result is checked by `loadSn24Models`' own schema. Test models are resolved by the caller.
 */
export async function validatorModelOptions(s: Sn24Settings): Promise<Sn24ModelOptions> {
  if (s.modelConfig !== undefined) {
    return { inference: inferenceOf(s), ...(await modelConfigFile(s.modelConfig)) } as Sn24ModelOptions;
  }
  return {
    imagebind: { source: modelSource('imagebind', s) },
    gte: { source: modelSource('gte', s) },
    unstuffer: { source: modelSource('unstuffer', s) },
    inference: inferenceOf(s),
  };
}

/** ImageBind alone (all a miner loads). */
export async function minerModelOptions(s: Sn24Settings): Promise<ImageBindModelOptions> {
  if (s.modelConfig !== undefined) {
    const cfg = await modelConfigFile(s.modelConfig);
    if (cfg.imagebind === undefined) {
      throw new Sn24SettingsError(`--sn24.model_config ${s.modelConfig}: no "imagebind" entry`);
    }
    return cfg.imagebind as ImageBindModelOptions;
  }
  return { source: modelSource('imagebind', s) };
}
