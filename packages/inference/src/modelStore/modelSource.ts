import { z } from 'zod';

const commitHash = z
  .string()
  .regex(/^[0-9a-f]{40}$/, 'revision must be a full 40-character commit hash (branches and tags can move)');

/** Where model files come from; parsed from config (`--inference.model_dir` or a hub repo + revision). */
export const modelSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), dir: z.string().min(1) }),
  z.object({
    kind: z.literal('hf'),
    /** `owner/name` of a model repo on the hub. */
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'repo must look like owner/name'),
    revision: commitHash,
    /** Hub endpoint; tests point this at a local server. Defaults to huggingface.co. */
    hubUrl: z.url().optional(),
    /** Cache folder (the hub's layout); defaults to HF_HUB_CACHE / HF_HOME / ~/.cache/huggingface/hub. */
    cacheDir: z.string().optional(),
  }),
]);
export type ModelSource = z.infer<typeof modelSourceSchema>;

/**
 * One file to fetch. `sha256` pins its content; without it a hub file is checked against the hub's own
 * LFS sha256 (or git blob id for small files) at the pinned commit, and a local file is not checked.
 */
export const modelFileSchema = z.object({
  path: z
    .string()
    .min(1)
    .refine(
      (p) => !p.startsWith('/') && !p.split('/').includes('..'),
      'path must be relative inside the repo',
    ),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type ModelFile = z.infer<typeof modelFileSchema>;
