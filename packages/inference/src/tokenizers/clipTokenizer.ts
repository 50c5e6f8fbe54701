import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import { TokenizerError } from '../errors.js';
import { bpeMerge, byteAlphabet } from './byteLevelBpe.js';
import { cleanText } from './cleanText.js';

/** Merges CLIP keeps from its vocabulary file: 49152 − 256 − 2 lines after the header. */
export const CLIP_MERGES = 48_894;
export const CONTEXT_LENGTH = 77;
const SOT = '<|startoftext|>';
const EOT = '<|endoftext|>';
const PATTERN =
  /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+/giu;

export interface ClipTokenizerOptions {
  /**
   * Unescape HTML entities (twice) before BPE, as OpenAI's CLIP / ImageBind tokenizer does. Hugging
   * Face's CLIPTokenizer (SDXL's two tokenizers) does not. Default: true for `fromFile`/`fromMergesText`
   * (the OpenAI vocabulary file), false for `fromVocabAndMerges` (the Hugging Face files).
   */
  unescapeHtml?: boolean;
}

/** How `tokenize` lays out each row. */
export interface ClipRowOptions {
  /** Row length (77 for every CLIP text tower). */
  contextLength?: number;
  /**
   * `cut` (ImageBind): SOT + ids + EOT cut to the first `contextLength` tokens, so an over-long text
   * loses its EOT. `keep-end` (Hugging Face / diffusers): the text is cut to `contextLength − 2` ids
   * and SOT/EOT wrap it, so every row ends its text with EOT — SDXL's pooled embedding reads the EOT
   * position, so it must be there.
   */
  truncation?: 'cut' | 'keep-end';
  /** Id written after EOT: 0 (ImageBind, and SDXL's `tokenizer_2`, whose pad token "!" is id 0), or EOT. */
  padId?: number;
}

/**
 * CLIP's byte-level BPE, shared by every CLIP text tower we run (ImageBind's, SDXL's two): ids
 * identical to the Python tokenizers for the same vocabulary. The vocabulary is data, not shipped
 * here: OpenAI's `bpe_simple_vocab_16e6.txt(.gz)` or Hugging Face's `vocab.json` + `merges.txt`,
 * loaded from disk or through the model store.
 */
export class ClipTokenizer {
  readonly sot: number;
  readonly eot: number;
  readonly vocabSize: number;
  private readonly encoder: Map<string, number>;
  private readonly decoder: string[] = [];
  private readonly ranks = new Map<string, number>();
  private readonly byteEncoder: string[] = new Array(256);
  private readonly byteDecoder = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();
  private readonly unescapeHtml: boolean;

  private constructor(
    merges: [string, string][],
    encoder: Map<string, number>,
    options: Required<ClipTokenizerOptions>,
  ) {
    const { chars } = byteAlphabet();
    chars.forEach((c, b) => {
      this.byteEncoder[b] = c;
      this.byteDecoder.set(c, b);
    });
    this.encoder = encoder;
    for (const [tok, id] of encoder) this.decoder[id] = tok;
    merges.forEach(([a, b], i) => {
      this.ranks.set(`${a} ${b}`, i);
    });
    // Special tokens written in the text itself map to their ids, as in CLIP.
    this.cache.set(SOT, [SOT]);
    this.cache.set(EOT, [EOT]);
    const sot = encoder.get(SOT);
    const eot = encoder.get(EOT);
    if (sot === undefined || eot === undefined)
      throw new TokenizerError(`the vocabulary lacks ${SOT}/${EOT}`);
    this.sot = sot;
    this.eot = eot;
    this.vocabSize = encoder.size;
    this.unescapeHtml = options.unescapeHtml;
  }

  /** From the text of bpe_simple_vocab_16e6.txt (header line, then one "a b" merge per line). */
  static fromMergesText(text: string, options: ClipTokenizerOptions = {}): ClipTokenizer {
    const merges = parseMerges(text);
    // OpenAI's CLIP numbers its vocabulary: bytes, bytes + </w>, merges in rank order, SOT, EOT.
    const { order: alphabet } = byteAlphabet();
    const vocab = [
      ...alphabet,
      ...alphabet.map((c) => `${c}</w>`),
      ...merges.map(([a, b]) => a + b),
      SOT,
      EOT,
    ];
    const encoder = new Map<string, number>();
    vocab.forEach((tok, i) => {
      encoder.set(tok, i);
    });
    return new ClipTokenizer(merges, encoder, { unescapeHtml: options.unescapeHtml ?? true });
  }

  /** From bpe_simple_vocab_16e6.txt or its .gz. */
  static fromFile(path: string, options: ClipTokenizerOptions = {}): ClipTokenizer {
    const bytes = readBytes(path);
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
    return ClipTokenizer.fromMergesText((gz ? gunzipSync(bytes) : bytes).toString('utf8'), options);
  }

  /**
   * From Hugging Face's slow-tokenizer files (`vocab.json` token → id, `merges.txt`), as SDXL's
   * `tokenizer/` and `tokenizer_2/` ship them.
   */
  static fromVocabAndMerges(
    vocabJson: string,
    mergesText: string,
    options: ClipTokenizerOptions = {},
  ): ClipTokenizer {
    let parsed: Record<string, number>;
    try {
      parsed = z.record(z.string(), z.number().int().nonnegative()).parse(JSON.parse(vocabJson));
    } catch (err) {
      throw new TokenizerError('vocab.json is not a JSON object of token → id', { cause: err });
    }
    const encoder = new Map(Object.entries(parsed));
    return new ClipTokenizer(parseMerges(mergesText), encoder, {
      unescapeHtml: options.unescapeHtml ?? false,
    });
  }

  /** From Hugging Face's `vocab.json` and `merges.txt` files. */
  static fromVocabAndMergesFiles(
    files: { vocab: string; merges: string },
    options: ClipTokenizerOptions = {},
  ): ClipTokenizer {
    return ClipTokenizer.fromVocabAndMerges(
      readBytes(files.vocab).toString('utf8'),
      readBytes(files.merges).toString('utf8'),
      options,
    );
  }

  /** Id of a token string (e.g. the pad token "!"), or undefined. */
  tokenId(token: string): number | undefined {
    return this.encoder.get(token);
  }

  /** The vocabulary string of an id (e.g. "hello</w>"), or undefined. */
  decodePiece(id: number): string | undefined {
    return this.decoder[id];
  }

  private bpe(token: string): string[] {
    const cached = this.cache.get(token);
    if (cached) return cached;
    const chars = [...token];
    const word = bpeMerge([...chars.slice(0, -1), `${chars.at(-1)}</w>`], this.ranks);
    if (this.cache.size < 50_000) this.cache.set(token, word);
    return word;
  }

  /** BPE ids of a text, without start/end tokens. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const match of cleanText(text, { unescapeHtml: this.unescapeHtml }).matchAll(PATTERN)) {
      const bytes = Buffer.from(match[0], 'utf8');
      let token = '';
      for (const b of bytes) token += this.byteEncoder[b];
      for (const piece of this.bpe(token)) {
        const id = this.encoder.get(piece);
        if (id === undefined) throw new TokenizerError(`piece "${piece}" missing from the vocabulary`);
        ids.push(id);
      }
    }
    return ids;
  }

  /** Text of ids (word ends become spaces), as CLIP's decode. */
  decode(ids: readonly number[]): string {
    const text = ids.map((id) => this.decoder[id] ?? '').join('');
    const bytes: number[] = [];
    for (const ch of text) {
      const b = this.byteDecoder.get(ch);
      if (b !== undefined) bytes.push(b);
    }
    return Buffer.from(bytes).toString('utf8').replaceAll('</w>', ' ');
  }

  /**
   * Model input for texts: [N, contextLength] int64, each row SOT + ids + EOT then padding. The
   * default layout is ImageBind's (cut at contextLength, zero padding); SDXL's encoders use
   * `{ truncation: 'keep-end', padId }` (see ClipRowOptions).
   */
  tokenize(texts: readonly string[], options: ClipRowOptions | number = {}): BigInt64Array {
    const o = typeof options === 'number' ? { contextLength: options } : options;
    const contextLength = o.contextLength ?? CONTEXT_LENGTH;
    const padId = BigInt(o.padId ?? 0);
    const out = new BigInt64Array(texts.length * contextLength).fill(padId);
    texts.forEach((t, row) => {
      const content = this.encode(t);
      const ids =
        o.truncation === 'keep-end'
          ? [this.sot, ...content.slice(0, contextLength - 2), this.eot]
          : [this.sot, ...content, this.eot].slice(0, contextLength);
      ids.forEach((id, i) => {
        out[row * contextLength + i] = BigInt(id);
      });
    });
    return out;
  }
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new TokenizerError(`cannot read ${path}`, { cause: err });
  }
}

/** Merge lines after the header, as CLIP reads them: at most CLIP_MERGES, blank lines skipped. */
function parseMerges(text: string): [string, string][] {
  const lines = text.split('\n').slice(1, CLIP_MERGES + 1);
  const merges: [string, string][] = [];
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    const parts = line.split(' ');
    if (parts.length !== 2 || !parts[0] || !parts[1])
      throw new TokenizerError(`merge line ${i + 2} is not "a b": ${line.slice(0, 40)}`);
    merges.push([parts[0], parts[1]]);
  }
  if (merges.length === 0) throw new TokenizerError('the vocabulary file has no merges');
  return merges;
}
