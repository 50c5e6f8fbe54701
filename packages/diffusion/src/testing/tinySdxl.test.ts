import { join } from 'node:path';
import { createSession, Tensor } from '@taonode/inference';
import { describe, expect, it } from 'vitest';
import { defaultTinySdxlDir, ensureTinySdxl } from './tinySdxlModels.js';

describe('tiny SDXL stand-ins', () => {
  it('load in ONNX Runtime with the real I/O names and run', async () => {
    await ensureTinySdxl();
    const dir = defaultTinySdxlDir();
    const te2 = await createSession(join(dir, 'text_encoder_2/model.onnx'), { device: 'cpu' });
    expect(te2.outputNames).toEqual(
      expect.arrayContaining(['text_embeds', 'last_hidden_state', 'hidden_states.0', 'hidden_states.3']),
    );
    const ids = new BigInt64Array(77).fill(0n);
    ids[0] = 49406n;
    ids[1] = 320n;
    ids[2] = 49407n;
    const out = await te2.session.run({ input_ids: new Tensor('int64', ids, [1, 77]) });
    expect(out.text_embeds?.dims).toEqual([1, 16]);
    const unet = await createSession(join(dir, 'unet_controlnet/model.onnx'), { device: 'cpu' });
    expect(unet.inputNames).toEqual([
      'sample',
      'timestep',
      'encoder_hidden_states',
      'text_embeds',
      'time_ids',
      'down_block_additional_residual_0',
      'mid_block_additional_residual',
    ]);
    const r = await unet.session.run({
      sample: new Tensor('float32', new Float32Array(2 * 4 * 8 * 8).fill(0.1), [2, 4, 8, 8]),
      timestep: new Tensor('int64', BigInt64Array.of(999n), [1]),
      encoder_hidden_states: new Tensor('float32', new Float32Array(2 * 77 * 24).fill(0.2), [2, 77, 24]),
      text_embeds: new Tensor('float32', new Float32Array(2 * 16).fill(0.3), [2, 16]),
      time_ids: new Tensor('float32', Float32Array.of(64, 64, 0, 0, 64, 64, 64, 64, 0, 0, 64, 64), [2, 6]),
      down_block_additional_residual_0: new Tensor('float32', new Float32Array(2 * 8 * 64), [2, 8, 8, 8]),
      mid_block_additional_residual: new Tensor('float32', new Float32Array(2 * 8 * 64), [2, 8, 8, 8]),
    });
    expect(r.out_sample?.dims).toEqual([2, 4, 8, 8]);
    for (const s of [te2, unet]) await s.release();
    for (const f of [
      'unet_fp16',
      'controlnet',
      'vae_decoder',
      'vae_decoder_fp16',
      'text_encoder',
      'unet_int4',
    ]) {
      const s = await createSession(join(dir, `${f}/model.onnx`), { device: 'cpu' });
      await s.release();
    }
  });
});
