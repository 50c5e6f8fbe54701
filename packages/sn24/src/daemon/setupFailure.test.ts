import { ModelFetchError } from '@taonode/inference';
import { FfmpegNotFoundError } from '@taonode/media';
import { NeuronExit } from '@taonode/neuron';
import { describe, expect, it } from 'vitest';
import { sn24Setup } from './setupFailure.js';

describe('sn24Setup', () => {
  it('turns a failure a restart cannot fix into exit 78 with the message and hint', async () => {
    const err = await sn24Setup('miner', () =>
      Promise.reject(new FfmpegNotFoundError('ffmpeg', '/nope/ffmpeg', 'not found')),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NeuronExit);
    expect((err as NeuronExit).exitCode).toBe(78);
    expect((err as NeuronExit).message).toMatch(
      /^SN24 miner cannot start: .*\/nope\/ffmpeg.*--media.ffmpeg_path/,
    );
    const missing = new ModelFetchError('/m/imagebind/vision.onnx', 'file does not exist', 'x');
    await expect(sn24Setup('validator', () => Promise.reject(missing))).rejects.toThrow(/--sn24.model_dir/);
  });

  it('lets anything else through (pm2 restarts on exit 1), and passes results on', async () => {
    const hub = new ModelFetchError('repo file', 'HTTP 503', 'retry later');
    await expect(sn24Setup('miner', () => Promise.reject(hub))).rejects.toBe(hub);
    expect(await sn24Setup('miner', async () => 7)).toBe(7);
  });
});
