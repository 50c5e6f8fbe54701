import { buildModel, IMAGEBIND_EMBED_DIM, seededWeights } from '@taonode/inference/testing';

/** Contract version of the text stand-ins below; bump when a graph changes so caches regenerate. */
export const TINY_TEXT_MODELS_VERSION = 'tiny-sn24-text-v1';

const WIDTH = 16;

/**
 * Stand-in for an exported gte-large-en-v1.5 (BERT-style encoder):
 *   input_ids, attention_mask, token_type_ids i64 [N,L] → last_hidden_state f32 [N,L,1024].
 * Each position is its token vector plus the sequence mean, so the CLS row depends on the whole text
 * (a real encoder's CLS attends to every token). The mask and type inputs exist for the contract only.
 */
export function tinyGteModel(vocabSize: number): Uint8Array {
  const seq = ['batch', 'sequence'];
  return buildModel({
    name: 'tiny_gte',
    inputs: [
      { name: 'input_ids', type: 'int64', shape: seq },
      { name: 'attention_mask', type: 'int64', shape: seq },
      { name: 'token_type_ids', type: 'int64', shape: seq },
    ],
    outputs: [{ name: 'last_hidden_state', shape: [...seq, IMAGEBIND_EMBED_DIM] }],
    nodes: [
      { op: 'Gather', inputs: ['token_table', 'input_ids'], outputs: ['tokens'], attributes: { axis: 0 } },
      { op: 'ReduceMean', inputs: ['tokens'], outputs: ['context'], attributes: { axes: [1], keepdims: 1 } },
      { op: 'Add', inputs: ['tokens', 'context'], outputs: ['mixed'] },
      { op: 'MatMul', inputs: ['mixed', 'proj'], outputs: ['last_hidden_state'] },
    ],
    initializers: [
      { name: 'token_table', dims: [vocabSize, WIDTH], data: seededWeights(vocabSize * WIDTH, 40, 1) },
      {
        name: 'proj',
        dims: [WIDTH, IMAGEBIND_EMBED_DIM],
        data: seededWeights(WIDTH * IMAGEBIND_EMBED_DIM, 41, 0.25),
      },
    ],
    metadata: { contract: TINY_TEXT_MODELS_VERSION, model: 'gte' },
  });
}

/**
 * Stand-in for an exported RoBERTa sequence classifier (the SN24 unstuffer):
 *   input_ids, attention_mask i64 [N,L] → logits f32 [N,2] (index 1 = label "1" = clean).
 */
export function tinyUnstufferModel(vocabSize: number): Uint8Array {
  const seq = ['batch', 'sequence'];
  return buildModel({
    name: 'tiny_unstuffer',
    inputs: [
      { name: 'input_ids', type: 'int64', shape: seq },
      { name: 'attention_mask', type: 'int64', shape: seq },
    ],
    outputs: [{ name: 'logits', shape: ['batch', 2] }],
    nodes: [
      { op: 'Gather', inputs: ['token_table', 'input_ids'], outputs: ['tokens'], attributes: { axis: 0 } },
      { op: 'ReduceMean', inputs: ['tokens'], outputs: ['pooled'], attributes: { axes: [1], keepdims: 0 } },
      { op: 'MatMul', inputs: ['pooled', 'classifier'], outputs: ['logits'] },
    ],
    initializers: [
      { name: 'token_table', dims: [vocabSize, WIDTH], data: seededWeights(vocabSize * WIDTH, 50, 1) },
      { name: 'classifier', dims: [WIDTH, 2], data: seededWeights(WIDTH * 2, 51, 2) },
    ],
    metadata: { contract: TINY_TEXT_MODELS_VERSION, model: 'unstuffer' },
  });
}
