import { readFileSync } from 'node:fs';
import { bpeMerge, byteAlphabet } from '@taonode/inference';
import { z } from 'zod';
import { type EncoderBatch, padRows } from './encoderBatch.js';
import { Sn24ModelError } from './errors.js';

// GPT-2's pre-tokenisation pattern, which RoBERTa reuses.
const PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** GPT-2's reversible byte → printable character map (vocabularies are written in these characters). */
export function byteChars(): string[] {
  return byteAlphabet().chars;
}
const BYTE_CHARS = byteChars();
// Words seen by a long-running validator are unbounded; keep the cache as CLIP's tokenizer does.
const CACHE_MAX = 50_000;

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
    const parts = bpeMerge([...word], this.ranks);
    const ids = parts.map((p) => this.vocab.get(p) ?? this.unk);
    if (this.cache.size < CACHE_MAX) this.cache.set(word, ids);
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
