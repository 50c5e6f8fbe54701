import type { ClipTokenizer } from '@taonode/inference';

/** Most BPE tokens per text chunk (SOT/EOT excluded), so each chunk fits ImageBind's 77-token input. */
export const TEXT_CHUNK_TOKENS = 74;
/** OMEGA's ImageBind v2 wrapper counts tokens with a 1,024-token context. */
const LENGTH_CONTEXT = 1024;
const DELIMITERS = ['\n', '.', '!', '?', ',', ' '] as const;

/**
 * Token ids as OMEGA's ImageBind v2 wrapper counts them: SOT + ids + EOT cut to 1,024, zeros dropped (id 0 is
 * also the non-final "!" piece, which the reference drops with the padding), then first and last
 * removed.
 */
export function countedTokens(tok: ClipTokenizer, text: string): number[] {
  return [tok.sot, ...tok.encode(text), tok.eot]
    .slice(0, LENGTH_CONTEXT)
    .filter((id) => id !== 0)
    .slice(1, -1);
}

/** numpy.array_split: k nearly equal parts, the first (n mod k) one longer. */
function arraySplit<T>(items: T[], k: number): T[][] {
  const base = Math.floor(items.length / k);
  const extra = items.length % k;
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < k; i++) {
    const size = base + (i < extra ? 1 : 0);
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * Splits a text into chunks of at most `maxTokens` BPE tokens, as OMEGA's ImageBind v2 wrapper does
 * before embedding each chunk (the text embedding is their mean): greedy packing of the parts split
 * on "\n", then ".", "!", "?", ",", " " for parts still too long; a part with no delimiter left is cut
 * into floor(n / maxTokens) (at least 1) nearly equal token runs, decoded back to text — such a
 * run can exceed the limit and is then truncated by the 77-token input.
 */
export function splitTextByTokenLimit(
  tok: ClipTokenizer,
  text: string,
  maxTokens = TEXT_CHUNK_TOKENS,
): string[] {
  const fits = (segment: string) => countedTokens(tok, segment).length <= maxTokens;

  const byTokens = (segment: string): string[] => {
    const ids = countedTokens(tok, segment);
    return arraySplit(ids, Math.floor(ids.length / maxTokens) || 1).map((run) => tok.decode(run));
  };

  const split = (segment: string, depth: number): string[] => {
    if (fits(segment)) return [segment];
    const delimiter = DELIMITERS[depth];
    if (delimiter === undefined) return byTokens(segment);
    const packed: string[] = [];
    let current = '';
    for (const part of segment.split(delimiter)) {
      const candidate = current + (current ? delimiter : '') + part;
      if (fits(candidate)) current = candidate;
      else {
        if (current) packed.push(current);
        current = part;
      }
    }
    if (current) packed.push(current);
    return packed.flatMap((p) => (fits(p) ? [p] : split(p, depth + 1)));
  };

  return split(text, 0);
}
