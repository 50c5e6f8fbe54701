import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@taonode/neuron';
import { describe, expect, it } from 'vitest';
import { modelSource, validatorModelOptions } from './daemonModelOptions.js';
import { sn24Options } from './sn24Options.js';
import { readSecrets, sn24Settings } from './sn24Settings.js';

function settings(...flags: string[]) {
  const loaded = loadConfig({
    role: 'validator',
    argv: ['--netuid', '24', '--neuron.state_dir', '/state', ...flags],
    env: {},
    options: sn24Options,
  });
  if (loaded.kind !== 'config') throw new Error(`expected a config, got ${loaded.kind}`);
  return sn24Settings(loaded.options, loaded.config.neuron.stateDir);
}

describe('SN24 daemon settings', () => {
  it('has the reference defaults and derives folders from the state folder', () => {
    const s = settings('--sn24.video_dir', '~/videos', '--sn24.model_dir', '/models');
    expect(s).toMatchObject({
      source: 'folder',
      videoDir: join(homedir(), 'videos'),
      numVideos: 8,
      timeoutS: 120,
      noMatchNovelty: 1,
      unstuffer: 'on',
      datasetDir: '/state/dataset',
      workDir: '/state/work',
      datasetBatchSizes: [512, 1024],
      vpermitTaoLimit: 4096,
      inferenceDevice: 'auto',
      inferenceBatchSize: 16,
    });
    expect(modelSource('gte', s)).toEqual({ kind: 'local', dir: '/models/gte' });
  });

  it('takes a hub repo pinned to a commit, and refuses one that is not', async () => {
    const commit = 'a'.repeat(40);
    const s = settings('--sn24.video_dir', '/v', '--sn24.imagebind_repo', `me/imagebind-onnx@${commit}`);
    expect(modelSource('imagebind', s)).toMatchObject({
      kind: 'hf',
      repo: 'me/imagebind-onnx',
      revision: commit,
    });
    await expect(validatorModelOptions(s)).rejects.toThrow(/--sn24.model_dir, --sn24.gte_repo/);
    const bad = settings('--sn24.video_dir', '/v', '--sn24.imagebind_repo', 'me/imagebind-onnx@main');
    expect(() => modelSource('imagebind', bad)).toThrow(/owner\/name@<40-hex commit>/);
  });

  it('names the flag a combination is missing', () => {
    expect(() => settings()).toThrow('--sn24.source folder needs --sn24.video_dir');
    expect(() => settings('--sn24.video_dir', '/v', '--sn24.dataset_batch_sizes', '512,x')).toThrow(
      /--sn24.dataset_batch_sizes: expected comma-separated integers/,
    );
    expect(() => settings('--sn24.video_dir', '/v', '--sn24.hf_repo', 'no-owner')).toThrow(/owner\/name/);
  });

  it('reads secrets from the environment only', () => {
    expect(readSecrets({ PINECONE_API_KEY: ' pk ', HF_TOKEN: '' })).toEqual({ pineconeApiKey: 'pk' });
    expect(readSecrets({ TAONODE_HF_TOKEN: 'hf' })).toEqual({ hfToken: 'hf' });
  });
});
