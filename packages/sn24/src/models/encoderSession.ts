import { type ModelSession, Tensor } from '@taonode/inference';
import type { EncoderBatch } from './encoderBatch.js';
import { Sn24ModelError } from './errors.js';

const FEEDS = {
  input_ids: 'inputIds',
  attention_mask: 'attentionMask',
  token_type_ids: 'tokenTypeIds',
} as const satisfies Record<string, keyof EncoderBatch>;

/** Fails at load time, not at the first request, when an exported encoder wants other inputs. */
export function checkEncoderInputs(model: ModelSession, label: string): void {
  const unknown = model.inputNames.filter((n) => !(n in FEEDS));
  if (unknown.length > 0 || !model.inputNames.includes('input_ids')) {
    throw new Sn24ModelError(`${label} model inputs must be input_ids [+ attention_mask, token_type_ids]`, {
      inputs: model.inputNames,
    });
  }
}

/** Runs a transformer encoder on one padded batch; returns its first output with dims. */
export async function runEncoder(
  model: ModelSession,
  batch: EncoderBatch,
): Promise<{ data: Float32Array; dims: number[] }> {
  const feeds: Record<string, Tensor> = {};
  for (const name of model.inputNames) {
    const key = FEEDS[name as keyof typeof FEEDS];
    feeds[name] = new Tensor('int64', batch[key], batch.dims);
  }
  const outName = model.outputNames[0];
  const result = await model.session.run(feeds);
  const out = outName === undefined ? undefined : result[outName];
  if (out === undefined || !(out.data instanceof Float32Array)) {
    throw new Sn24ModelError('encoder output is missing or not float32', { output: outName });
  }
  const copy = { data: out.data.slice(), dims: [...out.dims] };
  out.dispose();
  for (const t of Object.values(feeds)) t.dispose();
  return copy;
}

/** Splits `items` into runs of at most `size` (bounds memory on long batches). */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
