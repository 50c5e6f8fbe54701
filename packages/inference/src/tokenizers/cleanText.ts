const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
};

/** HTML entity decoding for the entities that appear in video titles and descriptions. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return NAMED[body.toLowerCase()] ?? all;
  });
}

/**
 * The part of ftfy.fix_text that changes typical text: curly quotes straightened, ligatures and
 * full-width forms folded (NFKC on those ranges only), control characters dropped, then NFC.
 * Mojibake repair is not attempted (see docs/media.md).
 */
export function fixText(text: string): string {
  return (
    text
      .replace(/[\u2018\u2019\u201a\u201b]/g, "'")
      .replace(/[\u201c\u201d\u201e\u201f]/g, '"')
      .replace(/[\ufb00-\ufb06\uff01-\uff5e]/g, (c) => c.normalize('NFKC'))
      // Control characters go, except whitespace ones (collapsed to a space later).
      .replace(/\p{Cc}/gu, (c) => (/\s/.test(c) ? c : ''))
      .normalize('NFC')
  );
}

/**
 * CLIP's text clean-up before BPE: fix, (for OpenAI's/ImageBind's tokenizer) unescape HTML twice,
 * collapse whitespace, trim, lower-case. Hugging Face's CLIPTokenizer (SDXL's) does not unescape HTML.
 */
export function cleanText(text: string, options: { unescapeHtml?: boolean } = {}): string {
  const fixed = fixText(text);
  const unescaped = options.unescapeHtml === false ? fixed : unescapeHtml(unescapeHtml(fixed));
  return unescaped.trim().replace(/\s+/g, ' ').trim().toLowerCase();
}
