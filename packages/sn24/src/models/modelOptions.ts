import { inferenceOptionsSchema, modelFileSchema, modelSourceSchema } from '@taonode/inference';
import { imageBindModelSchema } from '@taonode/media';
import { z } from 'zod';

const file = (path: string) => modelFileSchema.default({ path });

/** gte-large-en-v1.5 as ONNX (`last_hidden_state`; the CLS row is the embedding) + its WordPiece vocab. */
export const gteModelSchema = z.object({
  source: modelSourceSchema,
  model: file('onnx/model.onnx'),
  vocab: file('vocab.txt'),
  /** The reference truncates at 1,024 tokens. */
  max_tokens: z.number().int().min(8).max(8192).default(1024),
  lowercase: z.boolean().default(true),
});

/** The unstuffer (RoBERTa sequence classifier) as ONNX (`logits` [N, 2]) + its byte-level BPE files. */
export const unstufferModelSchema = z.object({
  source: modelSourceSchema,
  model: file('onnx/model.onnx'),
  vocab: file('vocab.json'),
  merges: file('merges.txt'),
  max_tokens: z.number().int().min(8).max(512).default(512),
  /** Logit index of label "1" (clean); the other index means stuffed. */
  clean_index: z.number().int().min(0).default(1),
});

/** Every SN24 model location plus the `--inference.*` options; a miner needs only `imagebind`. */
export const sn24ModelOptionsSchema = z.object({
  imagebind: imageBindModelSchema,
  gte: gteModelSchema,
  unstuffer: unstufferModelSchema,
  inference: inferenceOptionsSchema.default({ device: 'auto', batch_size: 16 }),
});

export type GteModelOptions = z.input<typeof gteModelSchema>;
export type UnstufferModelOptions = z.input<typeof unstufferModelSchema>;
export type Sn24ModelOptions = z.input<typeof sn24ModelOptionsSchema>;

export { type ImageBindModelOptions, imageBindModelSchema } from '@taonode/media';
