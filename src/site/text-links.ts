const URL_RE = /\bhttps?:\/\/[^\s<>"')\]]+/g;
const TRAILING_PUNCTUATION_RE = /[.,;:!?]+$/;

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; href: string };

/**
 * Splits plain text into text and http(s) links so descriptions can link their references
 * while staying escaped text: only http and https become links, never `javascript:`.
 * @example splitTextLinks('See https://example.org.') // → [text 'See ', link 'https://example.org', text '.']
 */
export function splitTextLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    const href = match[0].replace(TRAILING_PUNCTUATION_RE, '');
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', href });
    last = start + href.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** Splits text into paragraphs at blank lines, trimming each. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
}
