import { CLIP_MERGES } from '@taonode/inference';

// The real vocabulary (CLIP's bpe_simple_vocab_16e6.txt.gz) comes with the real ImageBind model
// through the model store; tests use this small file with the same layout.
const CLIP_REAL_MERGES = [
  't h',
  'th e</w>',
  'a n',
  'an d</w>',
  'i n',
  'in g</w>',
  'o n</w>',
  'e r',
  'v i',
  'vi d',
];

/** CLIP merges text: header, a few real-looking merges, fillers up to CLIP's 48,894 so ids line up. */
export function tinyClipVocab(): string {
  const fillers = Array.from({ length: CLIP_MERGES - CLIP_REAL_MERGES.length }, (_, i) => `z${i} q`);
  return ['#version: 0.2', ...CLIP_REAL_MERGES, ...fillers].join('\n');
}
