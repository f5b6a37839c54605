/**
 * Book and article identifiers found in text: ISBN-10/13 (check digit verified), ISSN (check digit verified)
 * and DOI (bare, without `doi:` or resolver prefix).
 */

// The check itself lives with the record model, which the editor's validation also uses.
import { isValidIsbn } from '../model/identifiers';

export { isValidIsbn };

const ISBN_RE = /(?:97[89][-\s]?)?\d{1,5}[-\s]?\d{1,7}[-\s]?\d{1,7}[-\s]?[\dX]\b/gi;

/** ISBNs in a text, as printed, valid ones only, in order. */
export function findIsbns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ISBN_RE)) {
    const s = m[0].trim();
    const digits = s.replace(/[^0-9X]/gi, '');
    if ((digits.length === 10 || digits.length === 13) && isValidIsbn(s)) out.push(s);
    if (out.length >= 10) break;
  }
  return out;
}

/** ISBNs that the text labels as such ("ISBN 978-…", "ISBN: …"). */
export function labelledIsbns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bISBN(?:-1[03])?\s*[:：]?\s*([^A-WYZa-wyz;]{9,80})/g)) {
    for (const isbn of findIsbns(m[1] ?? '')) if (!out.includes(isbn)) out.push(isbn);
  }
  return out;
}

export function isValidIssn(raw: string): boolean {
  const d = raw.toUpperCase().replace(/[^0-9X]/g, '');
  if (!/^\d{7}[\dX]$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(d[i]) * (8 - i);
  const check = (11 - (sum % 11)) % 11;
  return (check === 10 ? 'X' : String(check)) === d[7];
}

/** ISSNs labelled as such in a text. */
export function findIssns(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:e-?)?ISSN\s*[:：]?\s*(\d{4}-?\d{3}[\dXx])\b/g)) {
    const v = m[1]!;
    if (isValidIssn(v) && !out.includes(v)) out.push(v);
  }
  return out;
}

/** A DOI made bare: no resolver URL, no `doi:` prefix, no trailing punctuation; null when it is not a DOI. */
export function cleanDoi(raw: string): string | null {
  const m = raw.trim().match(/10\.\d{4,9}\/[^\s"'<>]+/);
  if (!m) return null;
  const doi = m[0].replace(/[.,;:)\]}]+$/, '');
  return doi.length <= 300 ? doi : null;
}

/** DOIs in a text, in order. */
export function findDois(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b10\.\d{4,9}\/[^\s"'<>]+/g)) {
    const d = cleanDoi(m[0]);
    if (d && !out.includes(d)) out.push(d);
    if (out.length >= 10) break;
  }
  return out;
}
