import { describe, expect, it } from 'vitest';
import { GenerationInputError } from '../errors.js';
import { rewriteTaoPrompt, sanitizeGenerationInputs, toDiffusionInputs } from './generationInputs.js';

describe('SN30 generation inputs', () => {
  it('fills the spec defaults', () => {
    expect(sanitizeGenerationInputs({ prompt: 'a cat', seed: 7 })).toEqual({
      prompt: 'a cat',
      width: 1024,
      height: 1024,
      num_inference_steps: 30,
      guidance_scale: 7,
      seed: 7,
      controlnet_conditioning_scale: 0,
    });
  });

  it('names each bad field', () => {
    const bad = (x: object) => () => sanitizeGenerationInputs({ prompt: 'a', seed: 1, ...x });
    expect(bad({ width: 1000 + 4 })).toThrow(/width: must be a multiple of 8/);
    expect(bad({ height: 504 })).toThrow(/height: must be at least 512/);
    expect(bad({ width: 1544 })).toThrow(/at most 1536/);
    expect(bad({ num_inference_steps: 0 })).toThrow(GenerationInputError);
    expect(bad({ num_inference_steps: 101 })).toThrow(/num_inference_steps/);
    expect(bad({ seed: 2 ** 32 })).toThrow(/seed/);
    expect(bad({ seed: -1 })).toThrow(/seed/);
    expect(bad({ extra: 1 })).toThrow(/extra|unrecognized/i);
    expect(() => sanitizeGenerationInputs({ prompt: 'a' })).toThrow(/seed/);
  });

  it('allows small sizes only through the explicit test option', () => {
    expect(() => sanitizeGenerationInputs({ prompt: 'a', seed: 1, width: 64, height: 64 })).toThrow();
    expect(
      sanitizeGenerationInputs({ prompt: 'a', seed: 1, width: 64, height: 64 }, { minSize: 8 }).width,
    ).toBe(64);
  });

  it('rewrites tao words as the miner does and maps to the engine inputs', () => {
    expect(rewriteTaoPrompt('Bittensor logo on a TAO coin, taos, tau')).toBe(
      'tau symbol on a tau symbol coin, taos, tau symbol',
    );
    const d = toDiffusionInputs(sanitizeGenerationInputs({ prompt: 'tao', seed: 3, negative_prompt: '' }));
    expect(d).toMatchObject({
      prompt: 'tau symbol',
      negativePrompt: '',
      steps: 30,
      guidanceScale: 7,
      seed: 3,
    });
  });
});
