import { z } from 'zod';
import { IMAGEBIND_DIM } from '../constants.js';

export const CONTRACT_VERSION = 'taonode-sn21-caption/1';
export const VIDEO_PLACEHOLDER = '{video}';

/**
 * `sn21.json`: what the validator needs to drive the three graphs. The prompt template holds
 * exactly one `{video}`: the text before it is embedded, then the projector's P rows, then the text
 * after it; the whole sequence goes to the decoder's first step (docs/sn21.md).
 */
export const modelConfigSchema = z.strictObject({
  contract: z.literal(CONTRACT_VERSION),
  /** P: rows the projector makes from one ImageBind embedding. */
  perception_tokens: z.number().int().min(1).max(256),
  /** The decoder's width H (embed_tokens' and the projector's output width). */
  hidden_size: z.number().int().min(1).max(65_536),
  /** Width of the ImageBind embedding the projector takes. */
  embedding_dim: z.literal(IMAGEBIND_DIM).default(IMAGEBIND_DIM),
  /** Generation stops at any of these ids. */
  eos_token_ids: z.array(z.number().int().nonnegative()).min(1).max(16),
  prompt_template: z
    .string()
    .max(4096)
    .refine((t) => t.split(VIDEO_PLACEHOLDER).length === 2, `must contain ${VIDEO_PLACEHOLDER} exactly once`),
  /** Whether the tokenizer's own special tokens (e.g. BOS) are added around the template text. */
  add_special_tokens: z.boolean().default(false),
});
export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type ModelConfigInput = z.input<typeof modelConfigSchema>;
