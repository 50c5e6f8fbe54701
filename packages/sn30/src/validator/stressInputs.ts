import {
  type GenerationInputs,
  SN30_DEFAULTS,
  sanitizeGenerationInputs,
} from '../inputs/generationInputs.js';
import { cryptoRandom, type RandomSource } from './csprng.js';
import { randomPrompt, STRESS_CONTROLNET_SCALE, STRESS_NEGATIVE_PROMPT } from './randomPrompt.js';

/** Size and steps of the validator's own requests (spec defaults; smaller only for test models). */
export interface RequestShape {
  width: number;
  height: number;
  steps: number;
  /** Smallest side the sanitiser admits (512 in production). */
  minSize: number;
}

export const DEFAULT_REQUEST_SHAPE: RequestShape = {
  width: SN30_DEFAULTS.width,
  height: SN30_DEFAULTS.height,
  steps: SN30_DEFAULTS.steps,
  minSize: 512,
};

/** One stress-test request (spec §4.2): random prompt, the fixed negative prompt, a CSPRNG seed. */
export function stressInputs(shape: RequestShape, rng: RandomSource = cryptoRandom): GenerationInputs {
  return sanitizeGenerationInputs(
    {
      prompt: randomPrompt(rng),
      negative_prompt: STRESS_NEGATIVE_PROMPT,
      controlnet_conditioning_scale: STRESS_CONTROLNET_SCALE,
      width: shape.width,
      height: shape.height,
      num_inference_steps: shape.steps,
      seed: rng.u32(),
    },
    { minSize: shape.minSize },
  );
}

/**
 * A user's request as the validator forwards it: sanitised (GenerationInputError naming every bad
 * field), and the seed always replaced by a CSPRNG u32 — whatever the caller sent — so no miner
 * can serve a cached result for a seed it was told in advance.
 */
export function validatorInputs(
  input: unknown,
  options: { minSize?: number; rng?: RandomSource } = {},
): GenerationInputs {
  const rng = options.rng ?? cryptoRandom;
  const withSeed =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? { ...(input as Record<string, unknown>), seed: rng.u32() }
      : input;
  return sanitizeGenerationInputs(
    withSeed,
    options.minSize !== undefined ? { minSize: options.minSize } : {},
  );
}
