import { readFileSync } from 'node:fs';
import { type EncoderBatch, padRows } from './encoderBatch.js';
import { Sn24ModelError } from './errors.js';

const MAX_WORD_CHARS = 100;

function isPunctuation(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  // BERT treats every non-alphanumeric ASCII symbol as punctuation, plus Unicode's P* classes.
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
    return true;
  }
  return /\p{P}/u.test(ch);
}

function isCjk(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x2f800 && c <= 0x2fa1f)
  );
}

/**
 * BERT's uncased WordPiece tokenizer (what gte-large-en-v1.5 ships as `vocab.txt`): clean control
 * characters, space out CJK, lower-case and strip accents, split on whitespace and punctuation, then
 * greedy longest-match sub-words with the `##` prefix; [CLS] … [SEP], truncated to `maxTokens`.
 */
export class WordPieceTokenizer {
  private readonly vocab: Map<string, number>;
  readonly cls: number;
  readonly sep: number;
  readonly pad: number;
  readonly unk: number;

  constructor(
    tokens: readonly string[],
    private readonly lowercase = true,
  ) {
    this.vocab = new Map(tokens.map((t, i) => [t, i]));
    const id = (t: string): number => {
      const v = this.vocab.get(t);
      if (v === undefined) throw new Sn24ModelError(`WordPiece vocabulary has no ${t} token`);
      return v;
    };
    this.cls = id('[CLS]');
    this.sep = id('[SEP]');
    this.pad = id('[PAD]');
    this.unk = id('[UNK]');
  }

  static fromFile(path: string, lowercase = true): WordPieceTokenizer {
    const lines = readFileSync(path, 'utf8').split(/\r?\n/);
    if (lines.at(-1) === '') lines.pop();
    return new WordPieceTokenizer(lines, lowercase);
  }

  private words(text: string): string[] {
    let clean = '';
    for (const ch of text) {
      const c = ch.codePointAt(0) ?? 0;
      if (c === 0 || c === 0xfffd || (/\p{Cc}|\p{Cf}/u.test(ch) && !/\s/.test(ch))) continue;
      clean += isCjk(c) ? ` ${ch} ` : /\s/.test(ch) ? ' ' : ch;
    }
    if (this.lowercase)
      clean = clean
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{Mn}/gu, '');
    const out: string[] = [];
    for (const word of clean.split(' ')) {
      let current = '';
      for (const ch of word) {
        if (isPunctuation(ch)) {
          if (current) out.push(current);
          out.push(ch);
          current = '';
        } else current += ch;
      }
      if (current) out.push(current);
    }
    return out;
  }

  private wordPieces(word: string): number[] {
    const chars = [...word];
    if (chars.length > MAX_WORD_CHARS) return [this.unk];
    const ids: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: number | undefined;
      while (start < end) {
        const piece = (start > 0 ? '##' : '') + chars.slice(start, end).join('');
        found = this.vocab.get(piece);
        if (found !== undefined) break;
        end--;
      }
      if (found === undefined) return [this.unk];
      ids.push(found);
      start = end;
    }
    return ids;
  }

  /** [CLS] + word pieces + [SEP], at most `maxTokens` ids (the text is cut, [SEP] kept). */
  encode(text: string, maxTokens: number): number[] {
    const ids = this.words(text).flatMap((w) => this.wordPieces(w));
    return [this.cls, ...ids.slice(0, Math.max(0, maxTokens - 2)), this.sep];
  }

  /** Rows padded to the longest one, with the attention mask and zero token types. */
  batch(texts: readonly string[], maxTokens: number): EncoderBatch {
    return padRows(
      texts.map((t) => this.encode(t, maxTokens)),
      this.pad,
    );
  }
}
