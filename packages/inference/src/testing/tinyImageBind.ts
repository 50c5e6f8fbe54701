import { buildModel, type GraphSpec, seededWeights } from './onnxGraph.js';

/**
 * Random-weight stand-ins with the ImageBind ONNX contract taonode uses (see docs/inference.md).
 * Each model embeds ONE view per batch row; callers average views, as ImageBind does after its
 * per-modality post-processing:
 *   vision: pixel_values f32 [N,3,2,224,224] → embeddings f32 [N,1024], L2-normalised
 *   audio:  mel f32 [N,1,128,204]            → embeddings f32 [N,1024], L2-normalised × 20
 *   text:   input_ids i64 [N,77]             → embeddings f32 [N,1024], L2-normalised × logit scale
 */
export const IMAGEBIND_EMBED_DIM = 1024;
export const TINY_TEXT_LOGIT_SCALE = 1 / 0.07;
export const TINY_MODEL_VERSION = 'tiny-imagebind-v1';

const D = IMAGEBIND_EMBED_DIM;

function head(
  hidden: number,
  seed: number,
  factor: number | undefined,
): Pick<GraphSpec, 'nodes' | 'initializers'> {
  const nodes: GraphSpec['nodes'] = [
    { op: 'MatMul', inputs: ['features', 'proj'], outputs: ['projected'] },
    {
      op: 'LpNormalization',
      inputs: ['projected'],
      outputs: factor === undefined ? ['embeddings'] : ['unit'],
      attributes: { axis: -1, p: 2 },
    },
  ];
  const initializers = [
    { name: 'proj', dims: [hidden, D], data: seededWeights(hidden * D, seed, 1 / Math.sqrt(hidden)) },
  ];
  if (factor !== undefined) {
    nodes.push({ op: 'Mul', inputs: ['unit', 'head_scale'], outputs: ['embeddings'] });
    initializers.push({ name: 'head_scale', dims: [], data: Float32Array.of(factor) });
  }
  return { nodes, initializers };
}

export function tinyVisionModel(): Uint8Array {
  const channels = 8;
  const hidden = channels * 7 * 7;
  const h = head(hidden, 11, undefined);
  return buildModel({
    name: 'tiny_imagebind_vision',
    inputs: [{ name: 'pixel_values', type: 'float32', shape: ['batch', 3, 2, 224, 224] }],
    outputs: [{ name: 'embeddings', shape: ['batch', D] }],
    nodes: [
      // ImageBind's vision stem is a 3-D patch conv over (time=2, 14, 14); a coarser one keeps this tiny.
      {
        op: 'Conv',
        inputs: ['pixel_values', 'patch'],
        outputs: ['patches'],
        attributes: { kernel_shape: [2, 32, 32], strides: [2, 32, 32] },
      },
      { op: 'Relu', inputs: ['patches'], outputs: ['act'] },
      { op: 'Flatten', inputs: ['act'], outputs: ['features'], attributes: { axis: 1 } },
      ...h.nodes,
    ],
    initializers: [
      {
        name: 'patch',
        dims: [channels, 3, 2, 32, 32],
        data: seededWeights(channels * 3 * 2 * 32 * 32, 10, 0.02),
      },
      ...h.initializers,
    ],
    metadata: { contract: TINY_MODEL_VERSION, modality: 'vision' },
  });
}

export function tinyAudioModel(): Uint8Array {
  const channels = 8;
  const hidden = channels * 8 * 12;
  const h = head(hidden, 21, 20);
  return buildModel({
    name: 'tiny_imagebind_audio',
    inputs: [{ name: 'mel', type: 'float32', shape: ['batch', 1, 128, 204] }],
    outputs: [{ name: 'embeddings', shape: ['batch', D] }],
    nodes: [
      {
        op: 'Conv',
        inputs: ['mel', 'patch'],
        outputs: ['patches'],
        attributes: { kernel_shape: [16, 17], strides: [16, 17] },
      },
      { op: 'Relu', inputs: ['patches'], outputs: ['act'] },
      { op: 'Flatten', inputs: ['act'], outputs: ['features'], attributes: { axis: 1 } },
      ...h.nodes,
    ],
    initializers: [
      { name: 'patch', dims: [channels, 1, 16, 17], data: seededWeights(channels * 16 * 17, 20, 0.05) },
      ...h.initializers,
    ],
    metadata: { contract: TINY_MODEL_VERSION, modality: 'audio' },
  });
}

export function tinyTextModel(): Uint8Array {
  const vocab = 49408;
  const width = 16;
  const h = head(width, 31, TINY_TEXT_LOGIT_SCALE);
  return buildModel({
    name: 'tiny_imagebind_text',
    inputs: [{ name: 'input_ids', type: 'int64', shape: ['batch', 77] }],
    outputs: [{ name: 'embeddings', shape: ['batch', D] }],
    nodes: [
      { op: 'Gather', inputs: ['token_table', 'input_ids'], outputs: ['tokens'], attributes: { axis: 0 } },
      { op: 'ReduceMean', inputs: ['tokens'], outputs: ['features'], attributes: { axes: [1], keepdims: 0 } },
      ...h.nodes,
    ],
    initializers: [
      { name: 'token_table', dims: [vocab, width], data: seededWeights(vocab * width, 30, 1) },
      ...h.initializers,
    ],
    metadata: { contract: TINY_MODEL_VERSION, modality: 'text' },
  });
}
