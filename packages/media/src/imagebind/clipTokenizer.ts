import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
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

/**
 * ImageBind's text tokenizer (CLIP's byte-level BPE): ids identical to the Python SimpleTokenizer for
 * the same vocabulary file. The vocabulary (bpe_simple_vocab_16e6.txt.gz, 1.3 MB, MIT) is data, not
 * shipped here: load it from disk or through the model store.
 */
export class ClipTokenizer {
  readonly sot: number;
  readonly eot: number;
  readonly vocabSize: number;
  private readonly encoder = new Map<string, number>();
  private readonly decoder: string[] = [];
  private readonly ranks = new Map<string, number>();
  private readonly byteEncoder: string[] = new Array(256);
  private readonly byteDecoder = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();

  private constructor(merges: [string, string][]) {
    const { chars, order: alphabet } = byteAlphabet();
    chars.forEach((c, b) => {
      this.byteEncoder[b] = c;
      this.byteDecoder.set(c, b);
    });
    const vocab = [
      ...alphabet,
      ...alphabet.map((c) => `${c}</w>`),
      ...merges.map(([a, b]) => a + b),
      SOT,
      EOT,
    ];
    vocab.forEach((tok, i) => {
      this.encoder.set(tok, i);
      this.decoder[i] = tok;
    });
    merges.forEach(([a, b], i) => {
      this.ranks.set(`${a} ${b}`, i);
    });
    // Special tokens written in the text itself map to their ids, as in CLIP.
    this.cache.set(SOT, [SOT]);
    this.cache.set(EOT, [EOT]);
    this.sot = vocab.length - 2;
    this.eot = vocab.length - 1;
    this.vocabSize = vocab.length;
  }

  /** From the text of bpe_simple_vocab_16e6.txt (header line, then one "a b" merge per line). */
  static fromMergesText(text: string): ClipTokenizer {
    const lines = text.split('\n').slice(1, CLIP_MERGES + 1);
    const merges: [string, string][] = [];
    for (const [i, line] of lines.entries()) {
      if (line === '') continue;
      const parts = line.split(' ');
      if (parts.length !== 2 || !parts[0] || !parts[1])
        throw new TokenizerError(`merge line ${i + 2} is not "a b": ${line.slice(0, 40)}`);
      merges.push([parts[0], parts[1]]);
    }
    if (merges.length === 0) throw new TokenizerError('the vocabulary file has no merges');
    return new ClipTokenizer(merges);
  }

  /** From bpe_simple_vocab_16e6.txt or its .gz. */
  static fromFile(path: string): ClipTokenizer {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new TokenizerError(`cannot read ${path}`, { cause: err });
    }
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
    return ClipTokenizer.fromMergesText((gz ? gunzipSync(bytes) : bytes).toString('utf8'));
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
    for (const match of cleanText(text).matchAll(PATTERN)) {
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
   * Model input for texts: [N, contextLength] int64, each row SOT + ids + EOT, cut to the first
   * contextLength tokens (so an over-long text loses its EOT, as in ImageBind) and zero-padded.
   */
  tokenize(texts: readonly string[], contextLength = CONTEXT_LENGTH): BigInt64Array {
    const out = new BigInt64Array(texts.length * contextLength);
    texts.forEach((t, row) => {
      const ids = [this.sot, ...this.encode(t), this.eot].slice(0, contextLength);
      ids.forEach((id, i) => {
        out[row * contextLength + i] = BigInt(id);
      });
    });
    return out;
  }
}
