/**
 * The two halves of GPT-2-style byte-level BPE that CLIP (ImageBind's text tower) and RoBERTa
 * tokenizers share; each tokenizer keeps its own pre-tokenisation, word-end marker and specials.
 */

/**
 * GPT-2's reversible byte → printable character map. `order` is the vocabulary order: the
 * printable bytes first, then the others (mapped to U+0100 onwards).
 */
export function byteAlphabet(): { chars: string[]; order: string[] } {
  const printable: number[] = [];
  for (let b = 33; b <= 126; b++) printable.push(b);
  for (let b = 161; b <= 172; b++) printable.push(b);
  for (let b = 174; b <= 255; b++) printable.push(b);
  const chars = new Array<string>(256);
  for (const b of printable) chars[b] = String.fromCharCode(b);
  const order = printable.map((b) => chars[b] as string);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (chars[b] === undefined) {
      chars[b] = String.fromCharCode(256 + extra++);
      order.push(chars[b]);
    }
  }
  return { chars, order };
}

/**
 * Merges the lowest-ranked adjacent pair (ranks keyed "a b"), every occurrence left to right,
 * until no pair has a rank.
 */
export function bpeMerge(symbols: readonly string[], ranks: ReadonlyMap<string, number>): string[] {
  let word = [...symbols];
  while (word.length > 1) {
    let best = -1;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let i = 0; i < word.length - 1; i++) {
      const r = ranks.get(`${word[i]} ${word[i + 1]}`);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
    if (best < 0) break;
    const first = word[best];
    const second = word[best + 1];
    const merged: string[] = [];
    for (let i = 0; i < word.length; i++) {
      if (i < word.length - 1 && word[i] === first && word[i + 1] === second) {
        merged.push(`${first}${second}`);
        i++;
      } else merged.push(word[i] as string);
    }
    word = merged;
  }
  return word;
}
