import type { ModelSession } from '@taonode/inference';
import type { UnstufferResult } from '../scoring/stuffing.js';
import type { ByteBpeTokenizer } from './byteBpeTokenizer.js';
import { chunked, runEncoder } from './encoderSession.js';
import { Sn24ModelError } from './errors.js';
import type { Unstuffer } from './types.js';

/**
 * The description-stuffing classifier as the HF text-classification pipeline runs it: softmax over
 * the logits, top label and its probability; any label but "1" (clean) means stuffed.
 */
export class OnnxUnstuffer implements Unstuffer {
  constructor(
    private readonly model: ModelSession,
    private readonly tokenizer: ByteBpeTokenizer,
    private readonly maxTokens: number,
    private readonly cleanIndex: number,
    private readonly batchSize: number,
  ) {}

  async classify(descriptions: readonly string[]): Promise<UnstufferResult[]> {
    const out: UnstufferResult[] = [];
    for (const part of chunked(descriptions, this.batchSize)) {
      const { data, dims } = await runEncoder(this.model, this.tokenizer.batch(part, this.maxTokens));
      const [rows, labels] = dims;
      if (dims.length !== 2 || rows !== part.length || labels === undefined || labels <= this.cleanIndex) {
        throw new Sn24ModelError('unstuffer logits must be [N, labels] with the clean label inside', {
          dims,
        });
      }
      for (let r = 0; r < rows; r++) {
        const logits = Array.from(data.subarray(r * labels, (r + 1) * labels));
        const max = Math.max(...logits);
        const exp = logits.map((x) => Math.exp(x - max));
        const sum = exp.reduce((s, x) => s + x, 0);
        const top = exp.indexOf(Math.max(...exp));
        out.push({ stuffed: top !== this.cleanIndex, confidence: (exp[top] ?? 0) / sum });
      }
    }
    return out;
  }
}
