import type { GenerationInputs, GenerationInputsWire } from '../inputs/generationInputs.js';
import { generateInputFields } from './synapses.js';

type GenerateInputValues = { [K in keyof typeof generateInputFields]: unknown };

/** A Generate request's input fields for sanitised inputs (absent optional prompts as null). */
export function generateFieldsOf(inputs: GenerationInputs) {
  return {
    prompt: inputs.prompt,
    prompt_2: inputs.prompt_2 ?? null,
    width: inputs.width,
    height: inputs.height,
    num_inference_steps: inputs.num_inference_steps,
    guidance_scale: inputs.guidance_scale,
    negative_prompt: inputs.negative_prompt ?? null,
    negative_prompt_2: inputs.negative_prompt_2 ?? null,
    seed: inputs.seed,
    controlnet_conditioning_scale: inputs.controlnet_conditioning_scale,
  };
}

/** The inputs a miner received, nulls dropped, ready for sanitizeGenerationInputs. */
export function wireInputsOf(fields: GenerateInputValues): Partial<GenerationInputsWire> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(generateInputFields) as (keyof GenerateInputValues)[]) {
    const v = fields[key];
    if (v !== null && v !== undefined) out[key] = v;
  }
  return out as Partial<GenerationInputsWire>;
}

/** Room for the safetensors header of a frames file (ours is ~100 bytes; the reference's similar). */
const HEADER_ROOM = 1024;

/**
 * Largest frames file a miner may answer for these inputs: an F32 [N,1,4,H/8,W/8] tensor plus header
 * room (the reference's F16 frames are half that). A Download that goes beyond is cut off.
 */
export function maxFramesBytes(inputs: Pick<GenerationInputs, 'width' | 'height' | 'num_inference_steps'>) {
  return 8 + HEADER_ROOM + inputs.num_inference_steps * 4 * (inputs.width / 8) * (inputs.height / 8) * 4;
}
