import { buildModel, type NodeSpec, seededWeights } from '@taonode/inference/testing';
import { IMAGEBIND_DIM } from '../constants.js';
import { CONTRACT_VERSION, type ModelConfigInput } from '../contract/modelConfig.js';
import { TextTokenizer } from '../contract/textTokenizer.js';
import type { TestRow } from './testRows.js';
import { TINY_EOS, TINY_PROMPT, TINY_VOCAB_SIZE, tinyTokenizerJson } from './tinyVocabulary.js';

/** The files of one model folder, by path. */
export type ModelFolderFiles = Record<string, Uint8Array | string>;

const D = IMAGEBIND_DIM;
const i64 = (...v: number[]) => BigInt64Array.from(v, (x) => BigInt(x));
const f32 = (...v: number[]) => Float32Array.from(v);

function config(P: number, H: number): ModelConfigInput {
  return {
    contract: CONTRACT_VERSION,
    perception_tokens: P,
    hidden_size: H,
    eos_token_ids: [TINY_EOS],
    prompt_template: TINY_PROMPT,
  };
}

function decoderIo(H: number, layers: number, kvHeads: number, headDim: number) {
  const inputs: { name: string; type: 'float32' | 'int64'; shape: (number | string)[] }[] = [
    { name: 'inputs_embeds', type: 'float32', shape: ['batch', 'seq', H] },
    { name: 'attention_mask', type: 'int64', shape: ['batch', 'total'] },
    { name: 'position_ids', type: 'int64', shape: ['batch', 'seq'] },
  ];
  const outputs: { name: string; shape: (number | string)[] }[] = [
    { name: 'logits', shape: ['batch', 'seq', TINY_VOCAB_SIZE] },
  ];
  for (let i = 0; i < layers; i++) {
    for (const kind of ['key', 'value']) {
      inputs.push({
        name: `past_key_values.${i}.${kind}`,
        type: 'float32',
        shape: ['batch', kvHeads, 'past', headDim],
      });
      outputs.push({ name: `present.${i}.${kind}`, shape: ['batch', kvHeads, 'total', headDim] });
    }
  }
  return { inputs, outputs };
}

function embedTokensGraph(table: Float32Array, H: number): Uint8Array {
  return buildModel({
    name: 'tiny_embed_tokens',
    inputs: [{ name: 'input_ids', type: 'int64', shape: ['batch', 'seq'] }],
    outputs: [{ name: 'inputs_embeds', shape: ['batch', 'seq', H] }],
    nodes: [
      { op: 'Gather', inputs: ['table', 'input_ids'], outputs: ['inputs_embeds'], attributes: { axis: 0 } },
    ],
    initializers: [{ name: 'table', dims: [TINY_VOCAB_SIZE, H], data: table }],
  });
}

function projectorGraph(weights: Float32Array, P: number, H: number): Uint8Array {
  return buildModel({
    name: 'tiny_projector',
    inputs: [{ name: 'image_embeds', type: 'float32', shape: ['batch', D] }],
    outputs: [{ name: 'prefix_embeds', shape: ['batch', P, H] }],
    nodes: [
      { op: 'MatMul', inputs: ['image_embeds', 'w'], outputs: ['flat'] },
      { op: 'Reshape', inputs: ['flat', 'shape'], outputs: ['prefix_embeds'] },
    ],
    initializers: [
      { name: 'w', dims: [D, P * H], data: weights },
      { name: 'shape', dims: [3], data: i64(0, P, H) },
    ],
  });
}

function promptLength(P: number): number {
  const tok = TextTokenizer.fromJson(tinyTokenizerJson());
  const [before = '', after = ''] = TINY_PROMPT.split('{video}');
  return tok.encode(before, false).length + P + tok.encode(after, false).length;
}

/**
 * A "memorising" caption model for test rows. The projector writes the row's similarity scores
 * (dot products with every test row's embedding) into the first K dims of its P rows; text tokens
 * leave those dims at zero. The one-layer decoder keeps every position's input as its KV cache,
 * sums the cache, takes the best-matching row k, and reads logits from a table indexed by (k,
 * position). So for an embedding nearest to row k it emits `sequences[k]`, then eos — a real KV-cache
 * loop (position ids, growing past) with fully predictable output.
 */
export function memorizingCaptionModel(
  rows: readonly TestRow[],
  sequences: readonly number[][],
): ModelFolderFiles {
  const P = 2;
  const K = rows.length;
  const H = K + 8;
  const S0 = promptLength(P);
  const longest = Math.max(...sequences.map((s) => s.length));
  const positions = S0 + longest + 2;
  const V = TINY_VOCAB_SIZE;

  const projector = new Float32Array(D * P * H);
  rows.forEach((row, k) => {
    for (let d = 0; d < D; d++) {
      for (let p = 0; p < P; p++) projector[d * P * H + p * H + k] = row.embedding[d]!;
    }
  });
  const tokenTable = seededWeights(V * H, 77, 0.5);
  for (let v = 0; v < V; v++) tokenTable.fill(0, v * H, v * H + K);

  const table = new Float32Array(K * positions * V);
  sequences.forEach((seq, k) => {
    [...seq, TINY_EOS].forEach((id, j) => {
      const pos = S0 - 1 + j;
      table[(k * positions + pos) * V + id] = 1;
    });
  });

  const { inputs, outputs } = decoderIo(H, 1, 1, H);
  const nodes: NodeSpec[] = [
    { op: 'Unsqueeze', inputs: ['inputs_embeds', 'axis1'], outputs: ['step_kv'] },
    {
      op: 'Concat',
      inputs: ['past_key_values.0.key', 'step_kv'],
      outputs: ['present.0.key'],
      attributes: { axis: 2 },
    },
    {
      op: 'Concat',
      inputs: ['past_key_values.0.value', 'step_kv'],
      outputs: ['present.0.value'],
      attributes: { axis: 2 },
    },
    {
      op: 'ReduceSum',
      inputs: ['present.0.value', 'axes12'],
      outputs: ['summed'],
      attributes: { keepdims: 0 },
    },
    { op: 'Slice', inputs: ['summed', 'zero', 'k_end', 'axis1'], outputs: ['row_scores'] },
    { op: 'ArgMax', inputs: ['row_scores'], outputs: ['row'], attributes: { axis: 1, keepdims: 1 } },
    { op: 'OneHot', inputs: ['row', 'k_depth', 'off_on'], outputs: ['row_hot'] },
    { op: 'OneHot', inputs: ['position_ids', 'p_depth', 'off_on'], outputs: ['pos_hot'] },
    { op: 'Unsqueeze', inputs: ['row_hot', 'axis3'], outputs: ['row_col'] },
    { op: 'Unsqueeze', inputs: ['pos_hot', 'axis2'], outputs: ['pos_row'] },
    { op: 'Mul', inputs: ['row_col', 'pos_row'], outputs: ['outer'] },
    { op: 'Reshape', inputs: ['outer', 'flat_shape'], outputs: ['flat'] },
    { op: 'MatMul', inputs: ['flat', 'table'], outputs: ['raw_logits'] },
    // attention_mask is part of the contract; fold it in (× 1) so the graph consumes every input.
    { op: 'ReduceMax', inputs: ['attention_mask'], outputs: ['mask_max'], attributes: { keepdims: 0 } },
    { op: 'Cast', inputs: ['mask_max'], outputs: ['mask_one'], attributes: { to: 1 } },
    { op: 'Mul', inputs: ['raw_logits', 'mask_one'], outputs: ['logits'] },
  ];
  const decoder = buildModel({
    name: 'tiny_memorizing_decoder',
    inputs,
    outputs,
    nodes,
    initializers: [
      { name: 'axis1', dims: [1], data: i64(1) },
      { name: 'axis2', dims: [1], data: i64(2) },
      { name: 'axis3', dims: [1], data: i64(3) },
      { name: 'axes12', dims: [2], data: i64(1, 2) },
      { name: 'zero', dims: [1], data: i64(0) },
      { name: 'k_end', dims: [1], data: i64(K) },
      { name: 'k_depth', dims: [], data: i64(K) },
      { name: 'p_depth', dims: [], data: i64(positions) },
      { name: 'off_on', dims: [2], data: f32(0, 1) },
      { name: 'flat_shape', dims: [3], data: i64(0, 0, K * positions) },
      { name: 'table', dims: [K * positions, V], data: table },
    ],
  });
  return {
    'sn21.json': JSON.stringify(config(P, H), null, 2),
    'tokenizer.json': tinyTokenizerJson(),
    'onnx/projector.onnx': projectorGraph(projector, P, H),
    'onnx/embed_tokens.onnx': embedTokensGraph(tokenTable, H),
    'onnx/decoder_model_merged.onnx': decoder,
  };
}

export interface TransformerOptions {
  hidden: number;
  layers: number;
  heads: number;
  /** Suppress eos so decoding only stops at the token limit. */
  neverEos?: boolean;
  seed?: number;
  /**
   * `ops` (default): attention from standard ONNX ops (MatMul, Softmax, a causal mask built in
   * each layer). `gqa`: ONNX Runtime's fused `GroupQueryAttention` (com.microsoft), the way
   * onnxruntime-genai's builder exports real decoders: the same inputs, outputs and function (up
   * to float rounding), with far fewer kernels per decoding step.
   */
  attention?: 'ops' | 'gqa';
}

type Initializer = { name: string; dims: number[]; data: Float32Array | BigInt64Array };

/** Per-layer causal attention from standard ops: q/k/v heads, cache concat, mask, softmax. */
function opsAttention(x: string, l: number, p: (s: string) => string): NodeSpec[] {
  const heads = (name: string): NodeSpec[] => [
    { op: 'MatMul', inputs: [x, p(`w${name}`)], outputs: [p(`${name}_flat`)] },
    { op: 'Reshape', inputs: [p(`${name}_flat`), 'heads_shape'], outputs: [p(`${name}_split`)] },
    {
      op: 'Transpose',
      inputs: [p(`${name}_split`)],
      outputs: [p(name)],
      attributes: { perm: [0, 2, 1, 3] },
    },
  ];
  return [
    ...heads('q'),
    ...heads('k'),
    ...heads('v'),
    {
      op: 'Concat',
      inputs: [`past_key_values.${l}.key`, p('k')],
      outputs: [`present.${l}.key`],
      attributes: { axis: 2 },
    },
    {
      op: 'Concat',
      inputs: [`past_key_values.${l}.value`, p('v')],
      outputs: [`present.${l}.value`],
      attributes: { axis: 2 },
    },
    {
      op: 'Transpose',
      inputs: [`present.${l}.key`],
      outputs: [p('kt')],
      attributes: { perm: [0, 1, 3, 2] },
    },
    { op: 'MatMul', inputs: [p('q'), p('kt')], outputs: [p('scores_raw')] },
    { op: 'Mul', inputs: [p('scores_raw'), 'scale'], outputs: [p('scores')] },
    // Causal mask for S new positions after T − S cached ones: keep key j ≤ (T − S) + i.
    { op: 'Shape', inputs: [`present.${l}.key`], outputs: [p('kv_shape')] },
    { op: 'Gather', inputs: [p('kv_shape'), 'idx2'], outputs: [p('T')], attributes: { axis: 0 } },
    { op: 'Unsqueeze', inputs: ['S', 'axis0'], outputs: [p('S1')] },
    { op: 'Unsqueeze', inputs: [p('T'), 'axis0'], outputs: [p('T1')] },
    { op: 'Concat', inputs: [p('S1'), p('T1')], outputs: [p('st')], attributes: { axis: 0 } },
    { op: 'Expand', inputs: ['one', p('st')], outputs: [p('ones')] },
    { op: 'Sub', inputs: [p('T'), 'S'], outputs: [p('offset')] },
    { op: 'Trilu', inputs: [p('ones'), p('offset')], outputs: [p('tri')], attributes: { upper: 0 } },
    { op: 'Sub', inputs: [p('tri'), 'one'], outputs: [p('tri_m1')] },
    { op: 'Mul', inputs: [p('tri_m1'), 'big'], outputs: [p('causal_add')] },
    { op: 'Add', inputs: [p('scores'), p('causal_add')], outputs: [p('scores_c')] },
    { op: 'Add', inputs: [p('scores_c'), 'pad_add'], outputs: [p('scores_m')] },
    { op: 'Softmax', inputs: [p('scores_m')], outputs: [p('probs')], attributes: { axis: -1 } },
    { op: 'MatMul', inputs: [p('probs'), `present.${l}.value`], outputs: [p('ctx')] },
    { op: 'Transpose', inputs: [p('ctx')], outputs: [p('ctx_t')], attributes: { perm: [0, 2, 1, 3] } },
    { op: 'Reshape', inputs: [p('ctx_t'), 'merge_shape'], outputs: [p('ctx_m')] },
  ];
}

/** Per-layer attention as one fused GroupQueryAttention node (it appends to the cache itself). */
function gqaAttention(x: string, l: number, p: (s: string) => string, heads: number, headDim: number) {
  const nodes: NodeSpec[] = [
    { op: 'MatMul', inputs: [x, p('wq')], outputs: [p('q')] },
    { op: 'MatMul', inputs: [x, p('wk')], outputs: [p('k')] },
    { op: 'MatMul', inputs: [x, p('wv')], outputs: [p('v')] },
    {
      op: 'GroupQueryAttention',
      domain: 'com.microsoft',
      inputs: [
        p('q'),
        p('k'),
        p('v'),
        `past_key_values.${l}.key`,
        `past_key_values.${l}.value`,
        'seqlens_k',
        'total_length',
      ],
      outputs: [p('ctx_m'), `present.${l}.key`, `present.${l}.value`],
      attributes: { num_heads: heads, kv_num_heads: heads, scale: 1 / Math.sqrt(headDim) },
    },
  ];
  return nodes;
}

/**
 * A small random-weight transformer decoder with real causal self-attention over a KV cache
 * (learned positions, no norm): the "never stops" model (eos suppressed) and the benchmark's
 * model, where the cache matters as it does for a real LM.
 */
export function transformerCaptionModel(o: TransformerOptions): ModelFolderFiles {
  const H = o.hidden;
  const n = o.heads;
  const hd = H / n;
  const P = 4;
  const seed = o.seed ?? 5;
  const V = TINY_VOCAB_SIZE;
  const maxPositions = 2048;
  const gqa = o.attention === 'gqa';
  const { inputs, outputs } = decoderIo(H, o.layers, n, hd);
  const init: Initializer[] = [
    { name: 'pos_table', dims: [maxPositions, H], data: seededWeights(maxPositions * H, seed + 1, 0.5) },
    ...(gqa
      ? [
          { name: 'axis1', dims: [1], data: i64(1) },
          { name: 'one_i64', dims: [], data: i64(1) },
          { name: 'idx1', dims: [], data: i64(1) },
        ]
      : [
          { name: 'heads_shape', dims: [4], data: i64(0, 0, n, hd) },
          { name: 'merge_shape', dims: [3], data: i64(0, 0, H) },
          { name: 'scale', dims: [], data: f32(1 / Math.sqrt(hd)) },
          { name: 'one', dims: [], data: f32(1) },
          { name: 'big', dims: [], data: f32(1e9) },
          { name: 'idx1', dims: [], data: i64(1) },
          { name: 'idx2', dims: [], data: i64(2) },
          { name: 'axis0', dims: [1], data: i64(0) },
          { name: 'axes12', dims: [2], data: i64(1, 2) },
        ]),
    { name: 'lm', dims: [H, V], data: seededWeights(H * V, seed + 2, 1 / Math.sqrt(H)) },
  ];
  const bias = new Float32Array(V);
  if (o.neverEos) bias[TINY_EOS] = -1e4;
  init.push({ name: 'lm_bias', dims: [V], data: bias });
  const nodes: NodeSpec[] = [
    { op: 'Gather', inputs: ['pos_table', 'position_ids'], outputs: ['pos'], attributes: { axis: 0 } },
    { op: 'Add', inputs: ['inputs_embeds', 'pos'], outputs: ['x0'] },
  ];
  if (gqa) {
    // GroupQueryAttention takes the lengths instead of a mask: seqlens_k = Σ mask − 1 (int32,
    // per batch row) and the total length (int32 scalar); it builds the causal mask itself.
    nodes.push(
      {
        op: 'ReduceSum',
        inputs: ['attention_mask', 'axis1'],
        outputs: ['mask_sum'],
        attributes: { keepdims: 0 },
      },
      { op: 'Sub', inputs: ['mask_sum', 'one_i64'], outputs: ['seqlens_k64'] },
      { op: 'Cast', inputs: ['seqlens_k64'], outputs: ['seqlens_k'], attributes: { to: 6 } },
      { op: 'Shape', inputs: ['attention_mask'], outputs: ['mask_shape'] },
      { op: 'Gather', inputs: ['mask_shape', 'idx1'], outputs: ['total64'], attributes: { axis: 0 } },
      { op: 'Cast', inputs: ['total64'], outputs: ['total_length'], attributes: { to: 6 } },
    );
  } else {
    nodes.push(
      // Padding mask [B,1,1,T]: 0 where attended, −1e9 where masked.
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask_f'], attributes: { to: 1 } },
      { op: 'Sub', inputs: ['mask_f', 'one'], outputs: ['mask_m1'] },
      { op: 'Mul', inputs: ['mask_m1', 'big'], outputs: ['mask_neg'] },
      { op: 'Unsqueeze', inputs: ['mask_neg', 'axes12'], outputs: ['pad_add'] },
      { op: 'Shape', inputs: ['inputs_embeds'], outputs: ['x_shape'] },
      { op: 'Gather', inputs: ['x_shape', 'idx1'], outputs: ['S'], attributes: { axis: 0 } },
    );
  }
  let x = 'x0';
  for (let l = 0; l < o.layers; l++) {
    const p = (s: string) => `l${l}_${s}`;
    const w = (name: string, k: number) =>
      init.push({
        name: p(name),
        dims: [H, H],
        data: seededWeights(H * H, seed + 10 * l + k, 1 / Math.sqrt(H)),
      });
    w('wq', 3);
    w('wk', 4);
    w('wv', 5);
    w('wo', 6);
    init.push({
      name: p('w1'),
      dims: [H, 2 * H],
      data: seededWeights(2 * H * H, seed + 10 * l + 7, 1 / Math.sqrt(H)),
    });
    init.push({
      name: p('w2'),
      dims: [2 * H, H],
      data: seededWeights(2 * H * H, seed + 10 * l + 8, 1 / Math.sqrt(2 * H)),
    });
    nodes.push(
      ...(gqa ? gqaAttention(x, l, p, n, hd) : opsAttention(x, l, p)),
      { op: 'MatMul', inputs: [p('ctx_m'), p('wo')], outputs: [p('attn')] },
      { op: 'Add', inputs: [x, p('attn')], outputs: [p('h')] },
      { op: 'MatMul', inputs: [p('h'), p('w1')], outputs: [p('up')] },
      { op: 'Relu', inputs: [p('up')], outputs: [p('act')] },
      { op: 'MatMul', inputs: [p('act'), p('w2')], outputs: [p('down')] },
      { op: 'Add', inputs: [p('h'), p('down')], outputs: [p('out')] },
    );
    x = p('out');
  }
  nodes.push(
    { op: 'MatMul', inputs: [x, 'lm'], outputs: ['lm_out'] },
    { op: 'Add', inputs: ['lm_out', 'lm_bias'], outputs: ['logits'] },
  );
  const decoder = buildModel({
    name: 'tiny_transformer_decoder',
    inputs,
    outputs,
    nodes,
    initializers: init,
    ...(gqa
      ? {
          opsetImports: [
            { domain: '', version: 17 },
            { domain: 'com.microsoft', version: 1 },
          ],
        }
      : {}),
  });
  return {
    'sn21.json': JSON.stringify(config(P, H), null, 2),
    'tokenizer.json': tinyTokenizerJson(),
    'onnx/projector.onnx': projectorGraph(seededWeights(D * P * H, seed + 100, 1 / Math.sqrt(D)), P, H),
    'onnx/embed_tokens.onnx': embedTokensGraph(seededWeights(V * H, seed + 101, 1), H),
    'onnx/decoder_model_merged.onnx': decoder,
  };
}
