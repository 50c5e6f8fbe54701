import { z } from 'zod';
import { DiffusionInputError } from '../errors.js';

/**
 * One generation as the engine runs it (already sanitised by the subnet: the engine only refuses what
 * it cannot run). `prompt2`/`negativePrompt2` fall back to `prompt`/`negativePrompt` when empty, as in
 * diffusers; an absent negative prompt gives zero unconditional embeddings (SDXL's
 * force_zeros_for_empty_prompt), while "" is encoded like any text.
 */
export const diffusionInputsSchema = z.object({
  prompt: z.string(),
  prompt2: z.string().optional(),
  negativePrompt: z.string().optional(),
  negativePrompt2: z.string().optional(),
  width: z.number().int().min(8).max(4096).multipleOf(8),
  height: z.number().int().min(8).max(4096).multipleOf(8),
  steps: z.number().int().min(1).max(1000),
  /** Classifier-free guidance; > 1 runs the [uncond, cond] batch. */
  guidanceScale: z.number().finite().min(0).max(100),
  seed: z.number().int().min(0).max(0xffffffff),
  /** ControlNet residual scale (only for a manifest with a ControlNet). */
  controlScale: z.number().finite().min(0).max(10).default(0),
});
export type DiffusionInputs = z.infer<typeof diffusionInputsSchema>;
export type DiffusionInputsInput = z.input<typeof diffusionInputsSchema>;

/** Validates inputs, naming the first bad field. */
export function parseDiffusionInputs(input: unknown): DiffusionInputs {
  const parsed = diffusionInputsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DiffusionInputError(`${issue?.path.join('.') || 'inputs'}: ${issue?.message ?? 'invalid'}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** A control image for the ControlNet: RGB planes [3, height, width] in [0, 1]. */
export interface ControlImage {
  data: Float32Array;
  width: number;
  height: number;
}
