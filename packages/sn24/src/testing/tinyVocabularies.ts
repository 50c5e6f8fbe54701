import { byteChars } from '../models/byteBpeTokenizer.js';

export { tinyClipVocab } from '@taonode/media/testing';

// Small tokenizer files with the real files' layouts, for the tiny stand-in models. The real ones
// (CLIP's bpe_simple_vocab_16e6.txt.gz, gte's vocab.txt, RoBERTa's vocab.json + merges.txt) come
// with the real models through the model store.

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = ['the', 'and', 'video', 'of', 'to', 'in', 'nano', '##tech', '##nology', 'music', 'cat'];

/** BERT vocab.txt: specials first, single characters, `##` continuations and a few words. */
export function tinyWordPieceVocab(): string {
  const punct = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];
  const tokens = [
    '[PAD]',
    '[UNK]',
    '[CLS]',
    '[SEP]',
    '[MASK]',
    ...LETTERS,
    ...punct,
    ...[...LETTERS].map((c) => `##${c}`),
    ...WORDS,
  ];
  return `${tokens.join('\n')}\n`;
}

const BPE_MERGES: [string, string][] = [
  ['Ġ', 't'],
  ['h', 'e'],
  ['Ġt', 'he'],
  ['Ġ', 'a'],
  ['i', 'n'],
  ['Ġ', 'v'],
  ['e', 'r'],
  ['Ġa', 'n'],
  ['Ġan', 'd'],
];

/** RoBERTa vocab.json + merges.txt: specials, the 256 byte characters, then each merge's result. */
export function tinyByteBpeVocab(): { vocabJson: string; mergesTxt: string } {
  const tokens = ['<s>', '<pad>', '</s>', '<unk>', ...byteChars(), ...BPE_MERGES.map(([a, b]) => a + b)];
  const vocab = Object.fromEntries(tokens.map((t, i) => [t, i]));
  return {
    vocabJson: JSON.stringify(vocab),
    mergesTxt: ['#version: 0.2', ...BPE_MERGES.map(([a, b]) => `${a} ${b}`)].join('\n'),
  };
}
