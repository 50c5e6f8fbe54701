import { Tokenizer } from '@huggingface/tokenizers';
import { TaonodeError } from '@taonode/kit';
import { z } from 'zod';

/** The part of tokenizer.json the library needs to find; everything else it validates itself. */
const tokenizerJsonSchema = z.looseObject({ model: z.looseObject({ type: z.string() }) });

/** Thrown for a tokenizer.json the library cannot use, or text it cannot map to ids. */
export class TextTokenizerError extends TaonodeError {}

/**
 * The decoder's tokenizer from `tokenizer.json` (Hugging Face format), through @huggingface/tokenizers:
 * pure JavaScript, offline, the same ids as the Rust library for the common models.
 */
export class TextTokenizer {
  private constructor(private readonly tok: Tokenizer) {}

  static fromJson(text: string): TextTokenizer {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new TextTokenizerError(`tokenizer.json is not JSON: ${(err as Error).message}`);
    }
    const parsed = tokenizerJsonSchema.safeParse(json);
    if (!parsed.success) throw new TextTokenizerError('tokenizer.json has no "model" section');
    try {
      return new TextTokenizer(new Tokenizer(parsed.data, {}));
    } catch (err) {
      throw new TextTokenizerError(`tokenizer.json cannot be loaded: ${(err as Error).message}`);
    }
  }

  /** Ids of `text`; refuses text the vocabulary cannot represent (the library yields no id then). */
  encode(text: string, addSpecialTokens: boolean): number[] {
    const ids: readonly unknown[] = this.tok.encode(text, { add_special_tokens: addSpecialTokens }).ids;
    const out: number[] = [];
    for (const id of ids) {
      // The library yields no id for a piece its vocabulary lacks (WordLevel without unk).
      if (typeof id !== 'number' || !Number.isInteger(id)) {
        throw new TextTokenizerError(`the tokenizer has no id for a piece of "${text.slice(0, 60)}"`);
      }
      out.push(id);
    }
    return out;
  }

  /** Text of generated ids, special tokens (eos, chat markers) left out. */
  decode(ids: readonly number[]): string {
    return this.tok.decode([...ids], { skip_special_tokens: true }).trim();
  }

  hasId(id: number): boolean {
    return this.tok.id_to_token(id) !== undefined;
  }

  get vocabSize(): number {
    return this.tok.get_vocab(true).size;
  }
}
