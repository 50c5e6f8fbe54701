import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenizerError } from '../errors.js';
import { cleanText } from './cleanText.js';
import { CLIP_MERGES, ClipTokenizer } from './clipTokenizer.js';

// A vocabulary file laid out like CLIP's: a header, a few real-looking merges, then fillers up to
// CLIP's 48,894 merges so special-token ids land where they do in the real vocabulary.
const realMerges = [
  'h e',
  'l l',
  'he ll',
  'hell o</w>',
  'w o',
  'r l',
  'wo rl',
  'worl d</w>',
  'i n',
  'in g</w>',
];
function vocabText(): string {
  const fillers = Array.from({ length: CLIP_MERGES - realMerges.length }, (_, i) => `z${i} q`);
  return ['#version: 0.2', ...realMerges, ...fillers, 'beyond the cut'].join('\n');
}

let tok: ClipTokenizer;
let dir: string;
beforeAll(async () => {
  tok = ClipTokenizer.fromMergesText(vocabText());
  dir = await mkdtemp(join(tmpdir(), 'taonode-bpe-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ClipTokenizer', () => {
  it('puts the special tokens at 49406/49407 for a full-size vocabulary', () => {
    expect(tok.vocabSize).toBe(49_408);
    expect(tok.sot).toBe(49_406);
    expect(tok.eot).toBe(49_407);
  });

  it('numbers single bytes as CLIP does: printable bytes first, word-final forms after 256', () => {
    // 'a' is byte 97 = index 64 among printable bytes; word-final 'a</w>' is 256 + 64.
    expect(tok.encode('a')).toEqual([320]);
    expect(tok.encode('!')).toEqual([256]);
    // Digits are split one per token: '2' → 256 + (50 − 33).
    expect(tok.encode('2024')).toEqual([273, 271, 273, 275]);
  });

  it('applies merges by rank and lower-cases', () => {
    // 'hello</w>' is merge 3 → 512 + 3; 'world</w>' is merge 7 → 519.
    expect(tok.encode('Hello   WORLD!')).toEqual([515, 519, 256]);
    // 'sing': s, in g</w> → 's' (byte 115 → 82) then merge 9 (512 + 9).
    expect(tok.encode('sing')).toEqual([82, 521]);
    // Like CLIP's decode: every word end becomes a space, the last one included.
    expect(tok.decode(tok.encode('Hello world!'))).toBe('hello world ! ');
  });

  it('builds [N, 77] int64 rows: SOT, ids, EOT, zero padding; long text keeps the first 77', () => {
    const rows = tok.tokenize(['hello world', 'a '.repeat(100)]);
    expect(rows.length).toBe(2 * 77);
    expect([...rows.subarray(0, 5)]).toEqual([49406n, 515n, 519n, 49407n, 0n]);
    const long = [...rows.subarray(77, 154)];
    expect(long[0]).toBe(49406n);
    expect(long.slice(1).every((v) => v === 320n)).toBe(true); // no EOT: cut at 77, as ImageBind
  });

  it('cleans text like CLIP: HTML entities, curly quotes, ligatures, whitespace', () => {
    expect(cleanText('  Tom &amp;amp; Jerry\n\t“Great”  ﬁlm&#33; ')).toBe('tom & jerry "great" film!');
    // The contraction "'s" is its own piece: i, t</w>, ', s</w>.
    expect(tok.encode('It’s')).toEqual([72, 339, 6, 338]);
  });

  it('reads the .gz vocabulary and rejects a malformed one', async () => {
    const gz = join(dir, 'bpe_simple_vocab_16e6.txt.gz');
    await writeFile(gz, gzipSync(vocabText()));
    expect(ClipTokenizer.fromFile(gz).encode('hello')).toEqual([515]);
    expect(() => ClipTokenizer.fromMergesText('#version\nnot-a-pair\n')).toThrow(TokenizerError);
    expect(() => ClipTokenizer.fromFile(join(dir, 'missing.gz'))).toThrow(/cannot read/);
  });

  it('loads Hugging Face vocab.json + merges.txt with the same ids as the OpenAI file', () => {
    const vocab: Record<string, number> = {};
    for (let id = 0; id < tok.vocabSize; id++) {
      const piece = tok.decodePiece(id);
      if (piece !== undefined) vocab[piece] = id;
    }
    const hf = ClipTokenizer.fromVocabAndMerges(JSON.stringify(vocab), vocabText());
    expect(hf.sot).toBe(49_406);
    expect(hf.tokenId('!')).toBe(0);
    expect(hf.encode('Hello   WORLD!')).toEqual(tok.encode('Hello   WORLD!'));
    // Hugging Face's CLIPTokenizer leaves HTML entities alone; OpenAI's unescapes them.
    expect(hf.encode('&amp;')).not.toEqual(tok.encode('&amp;'));
    expect(() => ClipTokenizer.fromVocabAndMerges('[1,2]', vocabText())).toThrow(TokenizerError);
  });

  it('lays out SDXL rows: text cut to 75 ids, EOT kept, padded with EOT or with "!" (id 0)', () => {
    const long = 'a '.repeat(100);
    const first = [...tok.tokenize([long], { truncation: 'keep-end', padId: tok.eot })];
    expect(first.length).toBe(77);
    expect(first[0]).toBe(49406n);
    expect(first.slice(1, 76).every((v) => v === 320n)).toBe(true);
    expect(first[76]).toBe(49407n);
    const short = [...tok.tokenize(['hello'], { truncation: 'keep-end', padId: tok.eot })];
    expect(short.slice(0, 4)).toEqual([49406n, 515n, 49407n, 49407n]);
    const second = [...tok.tokenize(['hello'], { truncation: 'keep-end', padId: 0 })];
    expect(second.slice(0, 4)).toEqual([49406n, 515n, 49407n, 0n]);
  });
});
