import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type EncoderBatch, padRows } from './encoderBatch.js';
import { Sn24ModelError } from './errors.js';

// GPT-2's pre-tokenisation pattern, which RoBERTa reuses.
const PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** GPT-2's reversible byte → printable character map (vocabularies are written in these characters). */
export function byteChars(): string[] {
  const chars = new Array<string>(256);
  const printable = (b: number) => (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
  let extra = 0;
  for (let b = 0; b < 256; b++) chars[b] = String.fromCharCode(printable(b) ? b : 256 + extra++);
  return chars;
}
const BYTE_CHARS = byteChars();

const vocabSchema = z.record(z.string(), z.number().int().nonnegative());

/**
 * RoBERTa's byte-level BPE (`vocab.json` + `merges.txt`, as the SN24 unstuffer ships them):
 * <s> ids </s>, truncated to `maxTokens`, padded with <pad>.
 */
export class ByteBpeTokenizer {
  private readonly ranks: Map<string, number>;
  private readonly cache = new Map<string, number[]>();
  readonly bos: number;
  readonly eos: number;
  readonly pad: number;
  readonly unk: number;

  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    merges: readonly [string, string][],
  ) {
    this.ranks = new Map(merges.map(([a, b], i) => [`${a} ${b}`, i]));
    const id = (t: string): number => {
      const v = vocab.get(t);
      if (v === undefined) throw new Sn24ModelError(`BPE vocabulary has no ${t} token`);
      return v;
    };
    this.bos = id('<s>');
    this.eos = id('</s>');
    this.pad = id('<pad>');
    this.unk = id('<unk>');
  }

  static fromFiles(vocabPath: string, mergesPath: string): ByteBpeTokenizer {
    const parsed = vocabSchema.safeParse(JSON.parse(readFileSync(vocabPath, 'utf8')));
    if (!parsed.success) throw new Sn24ModelError('BPE vocab.json must map tokens to ids', { vocabPath });
    const merges = readFileSync(mergesPath, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.length > 0 && !l.startsWith('#version'))
      .map((l) => {
        const [a, b] = l.split(' ');
        if (a === undefined || b === undefined) throw new Sn24ModelError('bad merges.txt line', { line: l });
        return [a, b] as [string, string];
      });
    return new ByteBpeTokenizer(new Map(Object.entries(parsed.data)), merges);
  }

  private bpe(word: string): number[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    let parts = [...word];
    for (;;) {
      let best = -1;
      let bestRank = Number.POSITIVE_INFINITY;
      for (let i = 0; i < parts.length - 1; i++) {
        const r = this.ranks.get(`${parts[i]} ${parts[i + 1]}`);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) break;
      const [a, b] = [parts[best] as string, parts[best + 1] as string];
      const next: string[] = [];
      for (let i = 0; i < parts.length; i++) {
        // Merge every occurrence of the winning pair, left to right, as GPT-2 does.
        if (parts[i] === a && parts[i + 1] === b) {
          next.push(a + b);
          i++;
        } else next.push(parts[i] as string);
      }
      parts = next;
    }
    const ids = parts.map((p) => this.vocab.get(p) ?? this.unk);
    this.cache.set(word, ids);
    return ids;
  }

  /** <s> + BPE ids + </s>, at most `maxTokens` ids (the text is cut, </s> kept). */
  encode(text: string, maxTokens: number): number[] {
    const ids: number[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const mapped = [...Buffer.from(m[0], 'utf8')].map((b) => BYTE_CHARS[b]).join('');
      ids.push(...this.bpe(mapped));
    }
    return [this.bos, ...ids.slice(0, Math.max(0, maxTokens - 2)), this.eos];
  }

  batch(texts: readonly string[], maxTokens: number): EncoderBatch {
    return padRows(
      texts.map((t) => this.encode(t, maxTokens)),
      this.pad,
    );
  }
}
