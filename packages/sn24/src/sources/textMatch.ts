/** Lower-cased words of a text (letters and digits), for the local source's simple search. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * How well a video's text matches a query: query words found in the title count twice, in the
 * description once. 0 means no word in common.
 */
export function matchScore(query: string, title: string, description: string): number {
  const inTitle = new Set(words(title));
  const inDescription = new Set(words(description));
  let score = 0;
  for (const w of new Set(words(query))) {
    if (inTitle.has(w)) score += 2;
    else if (inDescription.has(w)) score += 1;
  }
  return score;
}
