import { modelFileSchema, modelSourceSchema } from '@taonode/inference';
import { z } from 'zod';
import { ManifestError } from '../errors.js';

/**
 * A model file plus, for ONNX graphs over 2 GB, the external-data files ONNX Runtime reads from
 * beside it (they must be fetched too, into the same folder).
 */
const graphFile = z.object({
  model: modelFileSchema,
  data: z.array(modelFileSchema).default([]),
});

const tokenizerFiles = z.object({
  vocab: modelFileSchema,
  merges: modelFileSchema,
  /** Token written after EOT: SDXL's tokenizer pads with "<|endoftext|>", tokenizer_2 with "!". */
  padToken: z.string().min(1),
});

const conditioningInputs = z.object({
  sample: z.string().default('sample'),
  timestep: z.string().default('timestep'),
  encoderHiddenStates: z.string().default('encoder_hidden_states'),
  textEmbeds: z.string().default('text_embeds'),
  timeIds: z.string().default('time_ids'),
  /** Rank of the timestep input: 1 ([1], optimum ≈1.10 exports such as SDXL base's) or 0 (a scalar). */
  timestepRank: z.union([z.literal(0), z.literal(1)]).default(1),
});

/**
 * Everything needed to run one SDXL export: where its files come from (a hub repo at a pinned
 * commit, or a local folder), their hashes, and the input/output names of each graph. Loading checks
 * every graph against these names (ModelContractError on a mismatch).
 */
export const sdxlManifestSchema = z.object({
  /** Identifies the model in configs and logs, e.g. "sdxl-base-1.0-onnx". */
  name: z.string().min(1),
  source: modelSourceSchema,
  /**
   * How file contents are pinned: `sha256` — every file lists its sha256; `hub-revision` — the
   * source's 40-hex commit fixes every file, and each download is checked against the sha256 (LFS
   * files) or git blob id the hub reports for that commit (a per-file sha256 still wins).
   */
  pinning: z.enum(['sha256', 'hub-revision']),
  /** Precision of the graphs' float inputs/outputs: fp32 exports run on CPU, fp16 exports on GPU. */
  precision: z.enum(['fp32', 'fp16']),
  /** VAE latent scale (SDXL: 0.13025). */
  vaeScalingFactor: z.number().positive().default(0.13025),
  tokenizer: tokenizerFiles,
  tokenizer2: tokenizerFiles,
  textEncoder: graphFile.extend({
    input: z.string().default('input_ids'),
    /** The penultimate layer's hidden states (SDXL base: hidden_states.11). */
    hiddenState: z.string(),
  }),
  textEncoder2: graphFile.extend({
    input: z.string().default('input_ids'),
    /** SDXL base: hidden_states.31. */
    hiddenState: z.string(),
    /** Pooled, projected embedding at the EOT position (SDXL base: text_embeds). */
    pooled: z.string().default('text_embeds'),
  }),
  unet: graphFile.extend({
    inputs: conditioningInputs.default({
      sample: 'sample',
      timestep: 'timestep',
      encoderHiddenStates: 'encoder_hidden_states',
      textEmbeds: 'text_embeds',
      timeIds: 'time_ids',
      timestepRank: 1,
    }),
    output: z.string().default('out_sample'),
    /** ControlNet residual inputs, in the order of `controlnet.outputs` (empty: plain SDXL UNet). */
    controlResiduals: z.array(z.string()).default([]),
  }),
  controlnet: graphFile
    .extend({
      inputs: conditioningInputs
        .extend({
          controlImage: z.string().default('controlnet_cond'),
          conditioningScale: z.string().default('conditioning_scale'),
        })
        .default({
          sample: 'sample',
          timestep: 'timestep',
          encoderHiddenStates: 'encoder_hidden_states',
          textEmbeds: 'text_embeds',
          timeIds: 'time_ids',
          timestepRank: 1,
          controlImage: 'controlnet_cond',
          conditioningScale: 'conditioning_scale',
        }),
      outputs: z.array(z.string()).min(1),
    })
    .optional(),
  vaeDecoder: graphFile
    .extend({ input: z.string().default('latent_sample'), output: z.string().default('sample') })
    .optional(),
});
export type SdxlManifest = z.infer<typeof sdxlManifestSchema>;
export type SdxlManifestInput = z.input<typeof sdxlManifestSchema>;

/** Parses a manifest (JSON text or object) with a ManifestError naming the bad field. */
export function parseSdxlManifest(input: unknown): SdxlManifest {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw new ManifestError('not valid JSON', { cause: err });
    }
  }
  const parsed = sdxlManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ManifestError(`${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, {
      cause: parsed.error,
    });
  }
  const m = parsed.data;
  if (m.pinning === 'sha256') {
    const missing = manifestFiles(m).filter((f) => f.sha256 === undefined);
    if (missing.length > 0) {
      throw new ManifestError(
        `pinning "sha256" but no sha256 for ${missing.map((f) => f.path).join(', ')} (or use "hub-revision" with a hub source)`,
      );
    }
  } else if (m.source.kind !== 'hf') {
    throw new ManifestError('pinning "hub-revision" needs a hub source; a local folder must pin each sha256');
  }
  const residuals = m.unet.controlResiduals.length;
  if (m.controlnet && m.controlnet.outputs.length !== residuals) {
    throw new ManifestError(
      `controlnet has ${m.controlnet.outputs.length} outputs but the unet takes ${residuals} residuals`,
    );
  }
  if (!m.controlnet && residuals > 0) {
    throw new ManifestError('the unet takes ControlNet residuals but the manifest has no controlnet');
  }
  return m;
}

/** Every file of a manifest, in fetch order. */
export function manifestFiles(m: SdxlManifest): z.infer<typeof modelFileSchema>[] {
  const graph = (g: { model: z.infer<typeof modelFileSchema>; data: z.infer<typeof modelFileSchema>[] }) => [
    g.model,
    ...g.data,
  ];
  return [
    m.tokenizer.vocab,
    m.tokenizer.merges,
    m.tokenizer2.vocab,
    m.tokenizer2.merges,
    ...graph(m.textEncoder),
    ...graph(m.textEncoder2),
    ...graph(m.unet),
    ...(m.controlnet ? graph(m.controlnet) : []),
    ...(m.vaeDecoder ? graph(m.vaeDecoder) : []),
  ];
}
