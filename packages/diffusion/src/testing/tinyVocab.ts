import { byteAlphabet, CLIP_MERGES } from '@taonode/inference';

// Real-looking merges for words the tests' prompts use; fillers bring the count to CLIP's 48,894 so
// the special tokens get their real ids (49406/49407) and "!" is id 0, as in SDXL's vocab.json.
const WORD_MERGES = [
  'a n',
  'c a',
  'ca t</w>',
  'd o',
  'do g</w>',
  't a',
  'ta o</w>',
  'r e',
  'r ed</w>',
  'o f</w>',
  'p h',
  'ph o',
  'pho to</w>',
  't o',
];

/** Hugging Face CLIP tokenizer files (vocab.json, merges.txt) with the real layout and ids. */
export function tinyClipTokenizerFiles(): { vocabJson: string; mergesText: string } {
  const fillers = Array.from({ length: CLIP_MERGES - WORD_MERGES.length }, (_, i) => `z${i} q`);
  const merges = [...WORD_MERGES, ...fillers];
  const { order } = byteAlphabet();
  const tokens = [
    ...order,
    ...order.map((c) => `${c}</w>`),
    ...merges.map((m) => m.replace(' ', '')),
    '<|startoftext|>',
    '<|endoftext|>',
  ];
  const vocab: Record<string, number> = {};
  tokens.forEach((t, i) => {
    vocab[t] = i;
  });
  return { vocabJson: JSON.stringify(vocab), mergesText: ['#version: 0.2', ...merges].join('\n') };
}
