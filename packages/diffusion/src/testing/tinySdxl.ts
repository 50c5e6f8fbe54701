import { buildModel, type Dim, type ElemType, type GraphSpec } from '@taonode/inference/testing';
import { GraphBuilder } from './graphBuilder.js';

/**
 * Tiny random-weight stand-ins for SDXL's ONNX graphs: the real input/output names, dtypes and
 * conditioning structure (two CLIP-like text encoders with hidden_states.N outputs and an EOT-pooled
 * projection, a UNet conditioned on timestep + cross-attention over the text + pooled text + time ids,
 * optional ControlNet residuals, a ×8 VAE decoder) at toy widths, so the whole pipeline runs in CI in
 * seconds. The UNet is a real function of every input, so replaying with anything else shows.
 */
export const TINY_SDXL = {
  vocab: 49_408,
  tokens: 77,
  text1: { width: 8, layers: 2 },
  text2: { width: 16, layers: 3, projection: 16 },
  /** Concatenated penultimate hidden states (real SDXL: 768 + 1280 = 2048). */
  crossDim: 24,
  /** Pooled text embedding (real: 1280). */
  pooledDim: 16,
  channels: 8,
} as const;

export type TinyPrecision = 'fp32' | 'fp16';

export interface TinyUnetOptions {
  /** Weight seed: another seed is "a different model with the same shapes". */
  seed?: number;
  precision?: TinyPrecision;
  /** Adds down_block_additional_residual_0 and mid_block_additional_residual inputs. */
  controlResiduals?: boolean;
  /** Rounds every weight to a symmetric grid of this many bits (an int8 export's shortcut). */
  quantizeBits?: number;
}

const floatType = (p: TinyPrecision): ElemType => (p === 'fp16' ? 'float16' : 'float32');
const FLOAT = 1;
const FLOAT16 = 10;

/** Casts fp16 graph inputs to float32 for the computation (the fp16 export's I/O, fp32 inside). */
function floatInput(g: GraphBuilder, name: string, precision: TinyPrecision): string {
  return precision === 'fp16' ? g.op('Cast', [name], { to: FLOAT }) : name;
}

function floatOutput(g: GraphBuilder, value: string, name: string, precision: TinyPrecision): void {
  if (precision === 'fp16') g.op('Cast', [value], { to: FLOAT16 }, name);
  else g.op('Identity', [value], undefined, name);
}

export function tinyTextEncoder(which: 1 | 2): Uint8Array {
  const cfg = which === 1 ? TINY_SDXL.text1 : TINY_SDXL.text2;
  const D = cfg.width;
  const T = TINY_SDXL.tokens;
  const seed = which * 100;
  const g = new GraphBuilder(`te${which}`);
  const tokens = g.op('Gather', [g.weight([TINY_SDXL.vocab, D], seed, 1), 'input_ids'], { axis: 0 });
  let h = g.op('Add', [tokens, g.weight([T, D], seed + 1, 0.5)]);
  g.op('Identity', [h], undefined, 'hidden_states.0');
  // Causal mixing (each position sees itself and the tokens before it), as CLIP's causal mask does:
  // so pad tokens after EOT carry the prompt, and the pad id matters as it does in SDXL.
  const causal = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = 0; j <= i; j++) causal[i * T + j] = 1 / (i + 1);
  const mix = g.constant([T, T], causal);
  for (let layer = 0; layer < cfg.layers; layer++) {
    const mixed = g.op('MatMul', [mix, h]);
    const update = g.op('Tanh', [
      g.op('MatMul', [mixed, g.weight([D, D], seed + 10 + layer, 1.5 / Math.sqrt(D))]),
    ]);
    h = g.op('Add', [h, update], undefined, `hidden_states.${layer + 1}`);
  }
  const last = g.op(
    'LayerNormalization',
    [h, g.constant([D], new Float32Array(D).fill(1)), g.constant([D], new Float32Array(D))],
    { axis: -1 },
    'last_hidden_state',
  );
  // Pooled = the final state at the EOT position, found as HF does: argmax over token ids.
  const eot = g.op('ArgMax', ['input_ids'], { axis: 1, keepdims: 1 });
  const index = g.op('Expand', [g.op('Unsqueeze', [eot, g.ints([2])]), g.ints([1, 1, D])]);
  const pooled = g.op('Squeeze', [g.op('GatherElements', [last, index], { axis: 1 }), g.ints([1])]);
  const outputs: GraphSpec['outputs'] = [{ name: 'last_hidden_state', shape: ['batch', T, D] }];
  if (which === 1) {
    g.op('Identity', [pooled], undefined, 'pooler_output');
    outputs.push({ name: 'pooler_output', shape: ['batch', D] });
  } else {
    const P = TINY_SDXL.text2.projection;
    g.op('MatMul', [pooled, g.weight([D, P], seed + 50, 1 / Math.sqrt(D))], undefined, 'text_embeds');
    outputs.unshift({ name: 'text_embeds', shape: ['batch', P] });
  }
  for (let i = 0; i <= cfg.layers; i++) outputs.push({ name: `hidden_states.${i}`, shape: ['batch', T, D] });
  return buildModel({
    name: `tiny_sdxl_text_encoder_${which}`,
    inputs: [{ name: 'input_ids', type: 'int64', shape: ['batch', T] }],
    outputs,
    nodes: g.nodes,
    initializers: g.initializers,
    metadata: { contract: 'tiny-sdxl-v1' },
  });
}

/** timestep [1] int64 + time_ids [B,6] + pooled text [B,P] → embedding [B,C,1,1], SDXL's "text_time" path. */
function conditioningEmbedding(g: GraphBuilder, seed: number, precision: TinyPrecision): string {
  const C = TINY_SDXL.channels;
  const tFloat = g.op('Reshape', [g.op('Cast', ['timestep'], { to: FLOAT }), g.ints([1, 1])]);
  const tSin = g.sinusoid(tFloat, 2, 8);
  const temb = g.op('MatMul', [
    g.silu(g.op('MatMul', [tSin, g.weight([16, C], seed + 1, 0.5)])),
    g.weight([C, C], seed + 2, 0.6),
  ]);
  const ids = g.op('Unsqueeze', [floatInput(g, 'time_ids', precision), g.ints([2])]);
  const idsSin = g.op('Reshape', [g.sinusoid(ids, 3, 4), g.ints([0, -1])]);
  const pooled = floatInput(g, 'text_embeds', precision);
  const addIn = g.op('Concat', [pooled, idsSin], { axis: 1 });
  const inDim = TINY_SDXL.pooledDim + 6 * 8;
  const aemb = g.op('MatMul', [
    g.silu(g.op('MatMul', [addIn, g.weight([inDim, C], seed + 3, 0.4)])),
    g.weight([C, C], seed + 4, 0.6),
  ]);
  return g.op('Unsqueeze', [g.op('Add', [temb, aemb]), g.ints([2, 3])]);
}

function conditioningInputs(precision: TinyPrecision): GraphSpec['inputs'] {
  const f = floatType(precision);
  return [
    { name: 'sample', type: f, shape: ['batch', 4, 'height', 'width'] },
    { name: 'timestep', type: 'int64', shape: [1] },
    { name: 'encoder_hidden_states', type: f, shape: ['batch', TINY_SDXL.tokens, TINY_SDXL.crossDim] },
    { name: 'text_embeds', type: f, shape: ['batch', TINY_SDXL.pooledDim] },
    { name: 'time_ids', type: f, shape: ['batch', 6] },
  ];
}

/** ε = sample·TINY_UNET_MIX.sample + InstanceNorm(model term)·TINY_UNET_MIX.model. */
export const TINY_UNET_MIX = { sample: 0.9, model: 0.3 };

export const TINY_CONTROL = {
  unetInputs: ['down_block_additional_residual_0', 'mid_block_additional_residual'],
  controlnetOutputs: ['down_block_res_sample_0', 'mid_block_res_sample'],
} as const;

/** The UNet: conv_in + conditioning → cross-attention over the text → conv_out, predicting ε. */
export function tinyUnet(options: TinyUnetOptions = {}): Uint8Array {
  const precision = options.precision ?? 'fp32';
  const seed = options.seed ?? 1000;
  const C = TINY_SDXL.channels;
  const g = new GraphBuilder('unet', options.quantizeBits);
  const sample = floatInput(g, 'sample', precision);
  const ehs = floatInput(g, 'encoder_hidden_states', precision);
  const emb = conditioningEmbedding(g, seed, precision);
  let h = g.op('Add', [
    g.op('Conv', [sample, g.weight([C, 4, 3, 3], seed + 10, 0.35), g.weight([C], seed + 11, 0.1)], {
      pads: [1, 1, 1, 1],
    }),
    emb,
  ]);
  const residualDims: Dim[] = ['batch', C, 'height', 'width'];
  if (options.controlResiduals) h = g.op('Add', [h, floatInput(g, TINY_CONTROL.unetInputs[0], precision)]);
  const a = g.silu(h);
  // Cross-attention: queries from the latent positions, keys/values from the text embeddings.
  const flat = g.op('Transpose', [g.op('Reshape', [a, g.ints([0, C, -1])])], { perm: [0, 2, 1] });
  const q = g.op('MatMul', [flat, g.weight([C, C], seed + 20, 0.6)]);
  const k = g.op('MatMul', [ehs, g.weight([TINY_SDXL.crossDim, C], seed + 21, 0.6)]);
  const v = g.op('MatMul', [ehs, g.weight([TINY_SDXL.crossDim, C], seed + 22, 0.6)]);
  const scores = g.op('Mul', [
    g.op('MatMul', [q, g.op('Transpose', [k], { perm: [0, 2, 1] })]),
    g.constant([], Float32Array.of(4 / Math.sqrt(C))),
  ]);
  const attended = g.op('MatMul', [
    g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), v]),
    g.weight([C, C], seed + 23, 0.8),
  ]);
  const back = g.op('Reshape', [g.op('Transpose', [attended], { perm: [0, 2, 1] }), g.op('Shape', [a])]);
  let h2 = g.op('Add', [a, back]);
  if (options.controlResiduals) h2 = g.op('Add', [h2, floatInput(g, TINY_CONTROL.unetInputs[1], precision)]);
  const term = g.op(
    'Conv',
    [g.silu(h2), g.weight([4, C, 3, 3], seed + 30, 0.3), g.weight([4], seed + 31, 0.05)],
    {
      pads: [1, 1, 1, 1],
    },
  );
  // ε ≈ a·x + b·(unit-variance model term): a real ε-predictor's output is close to x/s at high noise
  // and of unit scale, and the balance sets how much of each step the model decides — what replay
  // must see. The weights on the two parts are part of the model (another seed changes them).
  const normed = g.op('InstanceNormalization', [
    term,
    g.constant([4], new Float32Array(4).fill(1)),
    g.constant([4], new Float32Array(4)),
  ]);
  const out = g.op('Add', [
    g.op('Mul', [sample, g.constant([], Float32Array.of(TINY_UNET_MIX.sample))]),
    g.op('Mul', [normed, g.constant([], Float32Array.of(TINY_UNET_MIX.model))]),
  ]);
  floatOutput(g, out, 'out_sample', precision);
  const inputs = conditioningInputs(precision);
  if (options.controlResiduals) {
    for (const name of TINY_CONTROL.unetInputs)
      inputs.push({ name, type: floatType(precision), shape: residualDims });
  }
  return buildModel({
    name: 'tiny_sdxl_unet',
    inputs,
    outputs: [{ name: 'out_sample', type: floatType(precision), shape: ['batch', 4, 'height', 'width'] }],
    nodes: g.nodes,
    initializers: g.initializers,
    metadata: { contract: 'tiny-sdxl-v1' },
  });
}

/** The ControlNet: the control image (×8 larger) enters through a stride-8 conv; residuals × scale. */
export function tinyControlNet(precision: TinyPrecision = 'fp32'): Uint8Array {
  const seed = 2000;
  const C = TINY_SDXL.channels;
  const g = new GraphBuilder('cn');
  const emb = conditioningEmbedding(g, seed, precision);
  const cond = g.op(
    'Conv',
    [floatInput(g, 'controlnet_cond', precision), g.weight([C, 3, 8, 8], seed + 5, 0.1)],
    {
      strides: [8, 8],
    },
  );
  const h = g.op('Add', [
    g.op('Add', [
      g.op('Conv', [floatInput(g, 'sample', precision), g.weight([C, 4, 3, 3], seed + 10, 0.35)], {
        pads: [1, 1, 1, 1],
      }),
      emb,
    ]),
    cond,
  ]);
  const a = g.silu(h);
  const scale = floatInput(g, 'conditioning_scale', precision);
  const down = g.op('Mul', [g.op('Conv', [a, g.weight([C, C, 1, 1], seed + 20, 0.5)]), scale]);
  const mid = g.op('Mul', [g.op('Conv', [g.silu(down), g.weight([C, C, 1, 1], seed + 21, 0.5)]), scale]);
  floatOutput(g, down, TINY_CONTROL.controlnetOutputs[0], precision);
  floatOutput(g, mid, TINY_CONTROL.controlnetOutputs[1], precision);
  const dims: Dim[] = ['batch', C, 'height', 'width'];
  return buildModel({
    name: 'tiny_sdxl_controlnet',
    inputs: [
      ...conditioningInputs(precision),
      {
        name: 'controlnet_cond',
        type: floatType(precision),
        shape: ['batch', 3, 'image_height', 'image_width'],
      },
      { name: 'conditioning_scale', type: floatType(precision), shape: [] },
    ],
    outputs: TINY_CONTROL.controlnetOutputs.map((name) => ({
      name,
      type: floatType(precision),
      shape: dims,
    })),
    nodes: g.nodes,
    initializers: g.initializers,
    metadata: { contract: 'tiny-sdxl-v1' },
  });
}

/** The VAE decoder: a stride-8 transposed conv to RGB, tanh into [−1, 1]. */
export function tinyVaeDecoder(precision: TinyPrecision = 'fp32'): Uint8Array {
  const g = new GraphBuilder('vae');
  const up = g.op(
    'ConvTranspose',
    [floatInput(g, 'latent_sample', precision), g.weight([4, 3, 8, 8], 3000, 0.6)],
    {
      strides: [8, 8],
    },
  );
  floatOutput(g, g.op('Tanh', [up]), 'sample', precision);
  return buildModel({
    name: 'tiny_sdxl_vae_decoder',
    inputs: [{ name: 'latent_sample', type: floatType(precision), shape: ['batch', 4, 'height', 'width'] }],
    outputs: [
      { name: 'sample', type: floatType(precision), shape: ['batch', 3, 'image_height', 'image_width'] },
    ],
    nodes: g.nodes,
    initializers: g.initializers,
    metadata: { contract: 'tiny-sdxl-v1' },
  });
}
