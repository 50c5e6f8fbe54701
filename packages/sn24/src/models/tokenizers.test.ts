import { describe, expect, it } from 'vitest';
import { tinyByteBpeVocab, tinyWordPieceVocab } from '../testing/tinyVocabularies.js';
import { ByteBpeTokenizer } from './byteBpeTokenizer.js';
import { WordPieceTokenizer } from './wordPieceTokenizer.js';

const wp = new WordPieceTokenizer(tinyWordPieceVocab().trimEnd().split('\n'));
const idOf = (t: string) => tinyWordPieceVocab().trimEnd().split('\n').indexOf(t);

describe('WordPieceTokenizer', () => {
  it('lower-cases, strips accents, splits punctuation and uses ## continuations', () => {
    const ids = wp.encode('Nanotechnology, Café!', 64);
    const expected = ['[CLS]', 'nano', '##tech', '##nology', ',', 'c', '##a', '##f', '##e', '!', '[SEP]'];
    expect(ids).toEqual(expected.map(idOf));
  });

  it('unknown characters → [UNK]; truncation keeps [SEP]; batches are padded and masked', () => {
    // A word with any piece missing becomes one [UNK], as in BERT (€ is a symbol, not punctuation).
    expect(wp.encode('ü€ ü', 16)).toEqual(['[CLS]', '[UNK]', 'u', '[SEP]'].map(idOf));
    expect(wp.encode('a b c d e', 4)).toEqual(['[CLS]', 'a', 'b', '[SEP]'].map(idOf));
    const b = wp.batch(['a', 'a b c'], 16);
    expect(b.dims).toEqual([2, 5]);
    expect(Array.from(b.attentionMask)).toEqual([1, 1, 1, 0, 0, 1, 1, 1, 1, 1].map(BigInt));
    expect(b.inputIds[3]).toBe(0n);
  });
});

describe('ByteBpeTokenizer', () => {
  const { vocabJson, mergesTxt } = tinyByteBpeVocab();
  const vocab = new Map(Object.entries(JSON.parse(vocabJson) as Record<string, number>));
  const merges = mergesTxt
    .split('\n')
    .slice(1)
    .map((l) => l.split(' ') as [string, string]);
  const tok = new ByteBpeTokenizer(vocab, merges);
  const id = (t: string) => vocab.get(t);

  it('applies merges by rank on GPT-2 byte characters (space → Ġ)', () => {
    expect(tok.encode('the and', 32)).toEqual([0, id('t'), id('he'), id('Ġand'), 2]);
  });

  it('multi-byte characters go through their UTF-8 bytes; padding uses <pad>', () => {
    const ids = tok.encode('é', 32);
    expect(ids).toHaveLength(4);
    const b = tok.batch(['a', 'the and'], 32);
    expect(b.inputIds[3]).toBe(1n);
    expect(b.dims).toEqual([2, 5]);
  });
});
