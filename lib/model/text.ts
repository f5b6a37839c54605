/**
 * Text hygiene for anything that came from a page or a file: control, zero-width and bidi
 * characters removed, whitespace collapsed, length capped. Returns plain text, never markup.
 */
// C0/C1 controls (except none: newlines are collapsed too), zero-width, bidi embeddings/isolates, BOM.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export const LIMITS = {
  short: 300, // names, places, identifiers
  title: 1000,
  long: 5000, // abstract, note
  url: 2048,
} as const;

export function cleanText(value: string, max: number = LIMITS.title): string {
  const text = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  // Cut on a code point boundary so no half surrogate survives.
  return Array.from(text.slice(0, max)).join('').replace(/[\ud800-\udbff]$/, '').trimEnd();
}

/** True for absolute http(s) URLs; everything else (javascript:, data:, file:) is refused. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
