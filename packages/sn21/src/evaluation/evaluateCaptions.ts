import type { ImageBindTextEmbedder } from '@taonode/media';
import { cosineSimilarity } from '@taonode/store';
import { DEFAULT_MAX_NEW_TOKENS } from '../constants.js';
import type { CaptionModel } from '../decode/captionModel.js';
import { CaptionDeadlineError, greedyCaption } from '../decode/greedyCaption.js';
import { EvaluationTimeoutError } from '../errors.js';
import type { EvalRow } from './selectRows.js';

export interface RowResult {
  id: string;
  caption: string;
  /** Cosine of the ImageBind text embeddings of the caption and the ground truth. */
  similarity: number;
  stoppedBy: 'eos' | 'limit';
  tokens: number;
}

export interface CaptionEvaluation {
  /** Mean similarity over the rows (spec §5.2 o1). */
  score: number;
  rows: RowResult[];
  tokens: number;
  wallMs: number;
}

export interface EvaluateCaptionsOptions {
  /** Per-model time limit for captioning every row; past it the model is penalised. */
  timeLimitMs: number;
  maxNewTokens?: number;
}

/** ImageBind text embeddings of the rows' ground-truth captions: computed once per round. */
export async function referenceEmbeddings(
  text: ImageBindTextEmbedder,
  rows: readonly EvalRow[],
): Promise<number[][]> {
  return text.embedTexts(rows.map((r) => r.description));
}

/**
 * Captions every row's video embedding with the model (greedy, KV cache), embeds the captions with
 * ImageBind's text encoder and scores the mean cosine to the ground truth. An empty caption scores
 * 0 for its row. Exceeding the time limit throws EvaluationTimeoutError (a penalty): a model that
 * never stops is cut by the token limit, and one too slow for that by the clock.
 */
export async function evaluateCaptions(
  model: CaptionModel,
  rows: readonly EvalRow[],
  references: readonly (readonly number[])[],
  text: ImageBindTextEmbedder,
  options: EvaluateCaptionsOptions,
): Promise<CaptionEvaluation> {
  if (references.length !== rows.length) throw new RangeError('one reference embedding per row');
  const start = performance.now();
  const deadline = start + options.timeLimitMs;
  const captions: Awaited<ReturnType<typeof greedyCaption>>[] = [];
  for (const row of rows) {
    try {
      captions.push(
        await greedyCaption(model, row.embedding, {
          maxNewTokens: options.maxNewTokens ?? DEFAULT_MAX_NEW_TOKENS,
          deadline,
        }),
      );
    } catch (err) {
      if (err instanceof CaptionDeadlineError) {
        throw new EvaluationTimeoutError(options.timeLimitMs, captions.length, rows.length);
      }
      throw err;
    }
  }
  const embedded = await text.embedTexts(captions.map((c) => c.text));
  const results = rows.map((row, i): RowResult => {
    const c = captions[i]!;
    const similarity = c.text === '' ? 0 : cosineSimilarity(embedded[i]!, references[i]!);
    return { id: row.id, caption: c.text, similarity, stoppedBy: c.stoppedBy, tokens: c.ids.length };
  });
  const score = results.reduce((a, r) => a + r.similarity, 0) / Math.max(1, results.length);
  if (performance.now() > deadline) {
    throw new EvaluationTimeoutError(options.timeLimitMs, rows.length, rows.length);
  }
  return {
    score,
    rows: results,
    tokens: results.reduce((a, r) => a + r.tokens, 0),
    wallMs: performance.now() - start,
  };
}
