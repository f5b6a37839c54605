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

/*
 * Text folding, shared by search, de-duplication, extraction and citation keys: lower case, accents removed,
 * letters that Unicode does not decompose mapped by hand, everything that is not a letter or a digit turned
 * into a word break. Works on any script (Cyrillic, Greek… are kept, only marks are removed).
 */
// NFKD splits "š" into "s" + caron but leaves these whole: they are letters of their own, not letters with marks.
const LETTERS: Record<string, string> = {
  đ: 'd', ð: 'd', ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŋ: 'n', ĸ: 'k', ſ: 's',
};
const UNDECOMPOSED = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');
const MARKS = /\p{M}+/gu;
const BREAKS = /[^\p{L}\p{N}]+/gu;

// Plain ASCII has no marks to remove and no letters to map, and its letters and digits are [a-z0-9] once lower-cased:
// the same result without `normalize` and the Unicode classes, which were most of the folding of an import's names.
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_BREAKS = /[^a-z0-9]+/g;

/** Folds text to space-separated words: `Švob-Đokić, N.` → `svob dokic n`. */
export function foldText(value: string): string {
  if (ASCII.test(value)) return value.toLowerCase().replace(ASCII_BREAKS, ' ').trim();
  return value
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(UNDECOMPOSED, (c) => LETTERS[c] ?? c)
    .replace(BREAKS, ' ')
    .trim();
}

/** The folded words of a text, in order. */
export function foldWords(value: string): string[] {
  const folded = foldText(value);
  return folded ? folded.split(' ') : [];
}

