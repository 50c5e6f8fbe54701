import type { DiffusionInputs } from '@taonode/diffusion';
import { z } from 'zod';
import { GenerationInputError } from '../errors.js';

/** Spec §3/§4.2 defaults (neuron/defaults.py): 1024×1024, 30 steps, guidance 7.0. */
export const SN30_DEFAULTS = { width: 1024, height: 1024, steps: 30, guidanceScale: 7.0 } as const;
export const SN30_SIZE = { min: 512, max: 1536 } as const;
export const SN30_MAX_STEPS = 100;
const MAX_PROMPT_CHARS = 4096;

/**
 * One request on the wire, field names as the reference's GenerationRequestInputs (spec §2.1). Unset
 * fields take the defaults; set fields must be valid (a clear error, never a silent change).
 */
export function generationInputsSchema(size: { min: number; max: number } = SN30_SIZE) {
  const side = z
    .number()
    .int()
    .min(size.min, `must be at least ${size.min}`)
    .max(size.max, `must be at most ${size.max}`)
    .multipleOf(8, 'must be a multiple of 8');
  const text = z.string().max(MAX_PROMPT_CHARS);
  return z.strictObject({
    prompt: text,
    prompt_2: text.optional(),
    width: side.default(SN30_DEFAULTS.width),
    height: side.default(SN30_DEFAULTS.height),
    num_inference_steps: z.number().int().min(1).max(SN30_MAX_STEPS).default(SN30_DEFAULTS.steps),
    guidance_scale: z.number().finite().min(0).max(30).default(SN30_DEFAULTS.guidanceScale),
    negative_prompt: text.optional(),
    negative_prompt_2: text.optional(),
    seed: z.number().int().min(0).max(0xffffffff),
    controlnet_conditioning_scale: z.number().finite().min(0).max(2).default(0),
  });
}
export type GenerationInputs = z.output<ReturnType<typeof generationInputsSchema>>;
export type GenerationInputsWire = z.input<ReturnType<typeof generationInputsSchema>>;

export interface SanitizeOptions {
  /**
   * Test-only: accept sides down to this size (the tiny models run at 64×64). Production keeps
   * spec §4.2's 512–1536.
   */
  minSize?: number;
}

/** Parses and checks a request, naming every bad field (GenerationInputError). */
export function sanitizeGenerationInputs(input: unknown, options: SanitizeOptions = {}): GenerationInputs {
  const parsed = generationInputsSchema({
    min: options.minSize ?? SN30_SIZE.min,
    max: SN30_SIZE.max,
  }).safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'inputs'}: ${i.message}`);
    throw new GenerationInputError(issues.join('; '), { issues });
  }
  return parsed.data;
}

/** Whole-word, case-insensitive, longest first: the miner's prompt rewrite (spec §3). */
const TAO_WORDS =
  /\b(?:bittensor symbol|bittensor logo|tao symbol|tao logo|tau symbol|tau logo|bittensor|tao|tau)\b/gi;

export function rewriteTaoPrompt(prompt: string): string {
  return prompt.replace(TAO_WORDS, 'tau symbol');
}

/** The engine's view of a request: prompts rewritten as the miner does, camelCase fields. */
export function toDiffusionInputs(inputs: GenerationInputs): DiffusionInputs {
  return {
    prompt: rewriteTaoPrompt(inputs.prompt),
    ...(inputs.prompt_2 !== undefined ? { prompt2: rewriteTaoPrompt(inputs.prompt_2) } : {}),
    ...(inputs.negative_prompt !== undefined ? { negativePrompt: inputs.negative_prompt } : {}),
    ...(inputs.negative_prompt_2 !== undefined ? { negativePrompt2: inputs.negative_prompt_2 } : {}),
    width: inputs.width,
    height: inputs.height,
    steps: inputs.num_inference_steps,
    guidanceScale: inputs.guidance_scale,
    seed: inputs.seed,
    controlScale: inputs.controlnet_conditioning_scale,
  };
}
