import * as ort from 'onnxruntime-node';
import type { ModelSession } from './createSession.js';
import { TensorShapeError } from './errors.js';

export type BatchInput = Float32Array | BigInt64Array;

export interface RunBatchedOptions {
  /** Input name; defaults to the model's only input. */
  inputName?: string;
  /** Output name; defaults to the model's first output. */
  outputName?: string;
  /** Rows per run; bounds peak memory (GPU memory on cuda). Default 16. */
  batchSize?: number;
}

export interface BatchOutput {
  data: Float32Array;
  /** [rows, ...per-row dims] */
  dims: number[];
}

function product(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/**
 * Runs `rows` = shape[0] inputs through a single-input model in batches of at most `batchSize`
 * and concatenates the outputs, so callers hand over any number of views without thinking about
 * memory. `shape` is the full input shape including the row dimension.
 */
export async function runBatched(
  model: ModelSession,
  input: BatchInput,
  shape: readonly number[],
  options: RunBatchedOptions = {},
): Promise<BatchOutput> {
  const [rows, ...rowDims] = shape;
  if (rows === undefined || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new TensorShapeError(
      `shape [${shape.join(',')}] must be non-negative integers with a row dimension`,
    );
  }
  const rowSize = product(rowDims);
  if (input.length !== rows * rowSize) {
    throw new TensorShapeError(`${input.length} values do not fill shape [${shape.join(',')}]`);
  }
  const inputName = options.inputName ?? model.inputNames[0];
  const outputName = options.outputName ?? model.outputNames[0];
  if (inputName === undefined || outputName === undefined) {
    throw new TensorShapeError('model has no inputs or outputs');
  }
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
  const type = input instanceof BigInt64Array ? 'int64' : 'float32';
  const parts: Float32Array[] = [];
  let outDims: number[] = [];
  for (let start = 0; start < rows; start += batchSize) {
    const n = Math.min(batchSize, rows - start);
    const slice = input.subarray(start * rowSize, (start + n) * rowSize);
    const tensor = new ort.Tensor(type, slice, [n, ...rowDims]);
    const result = await model.session.run({ [inputName]: tensor });
    const out = result[outputName];
    if (out === undefined || !(out.data instanceof Float32Array)) {
      throw new TensorShapeError(`model output "${outputName}" is missing or not float32`);
    }
    outDims = [...out.dims.slice(1)];
    // ORT may reuse its output buffer on the next run; keep a copy.
    parts.push(out.data.slice());
    tensor.dispose();
    out.dispose();
  }
  const data = new Float32Array(rows * product(outDims));
  let offset = 0;
  for (const p of parts) {
    data.set(p, offset);
    offset += p.length;
  }
  return { data, dims: [rows, ...outDims] };
}

/** Mean of `rows` vectors of length `dim` (ImageBind averages per-view embeddings this way). */
export function meanRows(data: Float32Array, rows: number, dim: number): Float32Array {
  if (rows <= 0 || data.length !== rows * dim)
    throw new TensorShapeError(`cannot average ${data.length} values as ${rows}×${dim}`);
  const out = new Float32Array(dim);
  const acc = new Float64Array(dim);
  for (let r = 0; r < rows; r++) for (let i = 0; i < dim; i++) acc[i] += data[r * dim + i];
  for (let i = 0; i < dim; i++) out[i] = acc[i] / rows;
  return out;
}

/**
 * Embeds every view (row) of one item and averages them — ImageBind's reduction for video (15 views)
 * and audio (3 clips); returns the mean vector.
 */
export async function embedMean(
  model: ModelSession,
  input: BatchInput,
  shape: readonly number[],
  options: RunBatchedOptions = {},
): Promise<Float32Array> {
  const out = await runBatched(model, input, shape, options);
  const [rows, dim] = out.dims;
  if (rows === undefined || dim === undefined || out.dims.length !== 2) {
    throw new TensorShapeError(`expected a [rows, dim] output, got [${out.dims.join(',')}]`);
  }
  return meanRows(out.data, rows, dim);
}
