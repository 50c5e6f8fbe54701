import { Tensor } from '@taonode/inference';
import { TaonodeError } from '@taonode/kit';
import { DEFAULT_MAX_NEW_TOKENS } from '../constants.js';
import { ModelRunError } from '../errors.js';
import type { CaptionModel } from './captionModel.js';

export interface CaptionOptions {
  /** Most generated tokens (eos excluded); the reference's 300 by default. */
  maxNewTokens?: number;
  /** performance.now() after which decoding stops with CaptionDeadlineError. */
  deadline?: number;
  /**
   * true (default): one decoder step per token, reusing the KV cache. false: every step runs the
   * decoder on the whole sequence with an empty cache — the same tokens, much slower; kept for the
   * benchmark and as a check that the cache is handled right.
   */
  useCache?: boolean;
}

export interface Caption {
  text: string;
  ids: number[];
  stoppedBy: 'eos' | 'limit';
  /** Decoder runs. */
  steps: number;
}

/** Decoding passed its deadline; the evaluation turns this into EvaluationTimeoutError. */
export class CaptionDeadlineError extends TaonodeError {
  constructor(readonly tokens: number) {
    super(`caption deadline passed after ${tokens} tokens`, { details: { tokens } });
  }
}

type Feeds = Record<string, Tensor>;

async function run(model: CaptionModel, which: 'projector' | 'embedTokens' | 'decoder', feeds: Feeds) {
  try {
    return await model[which].session.run(feeds);
  } catch (err) {
    const text = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ModelRunError(`${which}: ${text?.slice(0, 300)}`, err);
  }
}

function floatOutput(out: Record<string, Tensor>, name: string, dims: number[], what: string): Float32Array {
  const t = out[name];
  if (t === undefined || !(t.data instanceof Float32Array))
    throw new ModelRunError(`${what} did not return float32 ${name}`);
  if (t.dims.length !== dims.length || t.dims.some((d, i) => d !== dims[i])) {
    throw new ModelRunError(
      `${what} returned ${name} of shape [${t.dims.join(',')}], expected [${dims.join(',')}]`,
    );
  }
  return t.data;
}

/** Embeddings [1, n, H] of token ids. */
async function embed(model: CaptionModel, ids: readonly number[]): Promise<Float32Array> {
  const H = model.config.hidden_size;
  if (ids.length === 0) return new Float32Array(0);
  const input = new Tensor(
    'int64',
    BigInt64Array.from(ids, (i) => BigInt(i)),
    [1, ids.length],
  );
  const out = await run(model, 'embedTokens', { input_ids: input });
  return floatOutput(out, 'inputs_embeds', [1, ids.length, H], 'embed_tokens');
}

async function embedOne(model: CaptionModel, id: number): Promise<Float32Array> {
  const hit = model.tokenMemo.get(id);
  if (hit) return hit;
  const row = (await embed(model, [id])).slice();
  if (model.tokenMemo.size < model.tokenMemoLimit) model.tokenMemo.set(id, row);
  return row;
}

/** The first step's input: prompt-before ⧺ projector rows ⧺ prompt-after, [1, S0, H]. */
async function promptEmbeds(model: CaptionModel, embedding: Float32Array): Promise<Float32Array> {
  const { hidden_size: H, perception_tokens: P, embedding_dim: D } = model.config;
  if (embedding.length !== D)
    throw new ModelRunError(`video embedding has ${embedding.length} values, not ${D}`);
  const out = await run(model, 'projector', { image_embeds: new Tensor('float32', embedding, [1, D]) });
  const prefix = floatOutput(out, 'prefix_embeds', [1, P, H], 'projector');
  const before = await embed(model, model.promptIds.before);
  const after = await embed(model, model.promptIds.after);
  const all = new Float32Array(before.length + prefix.length + after.length);
  all.set(before, 0);
  all.set(prefix, before.length);
  all.set(after, before.length + prefix.length);
  return all;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/** argmax of the last position's logits; ties → lowest index, like numpy/torch. */
function lastArgmax(logits: Tensor): number {
  const dims = logits.dims;
  const vocab = dims[2] ?? 0;
  const seq = dims[1] ?? 0;
  if (dims.length !== 3 || dims[0] !== 1 || vocab === 0 || seq === 0) {
    throw new ModelRunError(`decoder returned logits of shape [${dims.join(',')}]`);
  }
  const data = logits.data;
  const base = (seq - 1) * vocab;
  const half = data instanceof Uint16Array;
  if (!half && !(data instanceof Float32Array))
    throw new ModelRunError('logits are neither float32 nor float16');
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let v = 0; v < vocab; v++) {
    const x = half ? halfToFloat(data[base + v]!) : (data[base + v] as number);
    if (x > bestValue) {
      bestValue = x;
      best = v;
    }
  }
  if (best < 0) throw new ModelRunError('the logits hold no finite value');
  return best;
}

function emptyPast(model: CaptionModel): Feeds {
  const { layers, kvHeads, headDim, kvType } = model.layout;
  const feeds: Feeds = {};
  for (let i = 0; i < layers; i++) {
    for (const kind of ['key', 'value']) {
      const data = kvType === 'float16' ? new Uint16Array(0) : new Float32Array(0);
      feeds[`past_key_values.${i}.${kind}`] = new Tensor(kvType, data, [1, kvHeads, 0, headDim]);
    }
  }
  return feeds;
}

function presentAsPast(model: CaptionModel, out: Record<string, Tensor>, pastLength: number): Feeds {
  const feeds: Feeds = {};
  for (let i = 0; i < model.layout.layers; i++) {
    for (const kind of ['key', 'value']) {
      const t = out[`present.${i}.${kind}`];
      if (t === undefined || t.dims[2] !== pastLength) {
        throw new ModelRunError(
          `present.${i}.${kind} should cover ${pastLength} positions, has shape [${t?.dims.join(',') ?? 'none'}]`,
        );
      }
      feeds[`past_key_values.${i}.${kind}`] = t;
    }
  }
  return feeds;
}

const positions = (from: number, n: number) =>
  new Tensor(
    'int64',
    BigInt64Array.from({ length: n }, (_, i) => BigInt(from + i)),
    [1, n],
  );

/**
 * Greedy captioning of one ImageBind video embedding (spec-side contract in docs/sn21.md): the
 * first decoder step sees the whole prompt with an empty cache, every later step one token with
 * the cache of the previous step; stops at an eos id or after `maxNewTokens` tokens.
 */
export async function greedyCaption(
  model: CaptionModel,
  embedding: Float32Array,
  options: CaptionOptions = {},
): Promise<Caption> {
  const maxNewTokens = options.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS;
  const useCache = options.useCache ?? true;
  const H = model.config.hidden_size;
  const eos = new Set(model.config.eos_token_ids);
  const prompt = await promptEmbeds(model, embedding);
  const promptLength = prompt.length / H;
  const ids: number[] = [];
  let steps = 0;
  let past = emptyPast(model);
  let sequence = prompt; // recompute mode: every embedding so far
  let next = prompt; // cache mode: what this step feeds
  let length = promptLength; // positions seen so far, this step's included
  // One buffer of ones for every step's attention_mask (a view of the first `length`).
  const maskOnes = new BigInt64Array(promptLength + maxNewTokens + 1).fill(1n);
  for (;;) {
    if (options.deadline !== undefined && performance.now() > options.deadline) {
      throw new CaptionDeadlineError(ids.length);
    }
    const stepLength = useCache ? next.length / H : length;
    const feeds: Feeds = {
      inputs_embeds: new Tensor('float32', useCache ? next : sequence, [1, stepLength, H]),
      attention_mask: new Tensor('int64', maskOnes.subarray(0, length), [1, length]),
      position_ids: positions(length - stepLength, stepLength),
      ...(useCache ? past : emptyPast(model)),
    };
    const out = await run(model, 'decoder', feeds);
    steps++;
    const logits = out.logits;
    if (logits === undefined) throw new ModelRunError('decoder returned no logits');
    const id = lastArgmax(logits);
    if (useCache) {
      for (const t of Object.values(past)) t.dispose();
      past = presentAsPast(model, out, length);
    }
    if (eos.has(id)) return { text: model.tokenizer.decode(ids), ids, stoppedBy: 'eos', steps };
    ids.push(id);
    if (ids.length >= maxNewTokens)
      return { text: model.tokenizer.decode(ids), ids, stoppedBy: 'limit', steps };
    next = await embedOne(model, id);
    if (!useCache) {
      const grown = new Float32Array(sequence.length + H);
      grown.set(sequence, 0);
      grown.set(next, sequence.length);
      sequence = grown;
    }
    length++;
  }
}
