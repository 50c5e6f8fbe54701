import { CLIP_MERGES, ClipTokenizer } from '@taonode/inference';
import { describe, expect, it } from 'vitest';
import { countedTokens, splitTextByTokenLimit } from './textChunks.js';

// Same layout as CLIP's vocabulary, with fillers: each lower-case letter word is one piece per letter.
const tok = ClipTokenizer.fromMergesText(
  ['#version: 0.2', ...Array.from({ length: CLIP_MERGES }, (_, i) => `z${i} q`)].join('\n'),
);

describe('splitTextByTokenLimit (ImageBind v2 text chunks)', () => {
  it('counts tokens without SOT/EOT and keeps a short text whole', () => {
    expect(countedTokens(tok, 'ab cd')).toHaveLength(4); // a, b</w>, c, d</w>
    expect(splitTextByTokenLimit(tok, 'ab cd', 74)).toEqual(['ab cd']);
  });

  it('packs lines greedily, then splits a long line at sentence ends', () => {
    // Each "x" is 1 token; limits of 4 tokens make the packing visible.
    expect(splitTextByTokenLimit(tok, 'x x\nx x\nx', 4)).toEqual(['x x\nx x', 'x']);
    expect(splitTextByTokenLimit(tok, 'x x x. x x x', 4)).toEqual(['x x x', ' x x x']);
  });

  it('falls back to nearly equal token runs when no delimiter is left', () => {
    // 9 letters, no spaces: pieces a..h + i</w> = 9 tokens; floor(9 / 4) = 2 runs of 5 and 4.
    const chunks = splitTextByTokenLimit(tok, 'abcdefghi', 4);
    expect(chunks).toEqual(['abcde', 'fghi ']);
  });

  it('every chunk of a long description fits 74 tokens', () => {
    const text = Array.from({ length: 60 }, (_, i) => `sentence number ${i} about nanotechnology`).join('. ');
    const chunks = splitTextByTokenLimit(tok, text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(countedTokens(tok, c).length).toBeLessThanOrEqual(74);
  });
});
