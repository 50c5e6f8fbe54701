import type { ModelSession } from '@taonode/inference';
import { chunked, runEncoder } from './encoderSession.js';
import { Sn24ModelError } from './errors.js';
import type { TextSimilarity } from './types.js';
import type { WordPieceTokenizer } from './wordPieceTokenizer.js';

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  return v.map((x) => x * s);
}

/**
 * gte-large-en-v1.5 text similarity as the reference computes it: the CLS row of the last hidden
 * state, L2-normalised, texts truncated at `maxTokens`; similarity = dot product of the two.
 */
export class GteSimilarity implements TextSimilarity {
  constructor(
    private readonly model: ModelSession,
    private readonly tokenizer: WordPieceTokenizer,
    private readonly maxTokens: number,
    private readonly batchSize: number,
  ) {}

  /** Unit-length CLS embeddings, one per text. */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (const part of chunked(texts, this.batchSize)) {
      const { data, dims } = await runEncoder(this.model, this.tokenizer.batch(part, this.maxTokens));
      // [N, L, D] hidden states (CLS = position 0), or [N, D] from an export that pools already.
      const [rows, a, b] = dims;
      const width = dims.length === 3 ? b : a;
      const stride = dims.length === 3 && a !== undefined && b !== undefined ? a * b : width;
      if (rows !== part.length || width === undefined || stride === undefined || dims.length > 3) {
        throw new Sn24ModelError('gte output must be [N, L, D] or [N, D]', { dims });
      }
      for (let r = 0; r < rows; r++) out.push(unit(data.slice(r * stride, r * stride + width)));
    }
    return out;
  }

  async similarity(a: string, b: string): Promise<number> {
    const [ea, eb] = await this.embed([a, b]);
    if (ea === undefined || eb === undefined) throw new Sn24ModelError('gte returned no embedding');
    let dot = 0;
    for (let i = 0; i < ea.length; i++) dot += (ea[i] ?? 0) * (eb[i] ?? 0);
    return dot;
  }
}
