/**
 * Keys for search and de-duplication (ISBN, DOI, URL, title), built on the text folding in lib/model/text.ts.
 * Pure.
 */

import { foldText } from '../model/text';

export { foldText, foldWords } from '../model/text';

/** Every ISBN in a field ("978-92-3-100089-3; 92-3-100089-X"), as ISBN-13 digits so both forms compare equal. */
export function isbnKeys(value: string | undefined): string[] {
  if (!value) return [];
  const keys = new Set<string>();
  for (const raw of value.toUpperCase().match(/[0-9][0-9\s-]{8,16}[0-9X]/g) ?? []) {
    const digits = raw.replace(/[^0-9X]/g, '');
    if (digits.length === 13 && !digits.includes('X')) keys.add(digits);
    else if (digits.length === 10 && !digits.slice(0, 9).includes('X')) {
      const core = '978' + digits.slice(0, 9);
      let sum = 0;
      for (let i = 0; i < 12; i++) sum += Number(core[i]) * (i % 2 ? 3 : 1);
      keys.add(core + String((10 - (sum % 10)) % 10));
    }
  }
  return [...keys];
}

/** DOIs are case-insensitive (DOI Handbook 2.4); `https://doi.org/` and `doi:` prefixes are dropped. */
export function doiKey(value: string | undefined): string | undefined {
  const doi = value
    ?.trim()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '')
    .toLowerCase();
  return doi || undefined;
}

/**
 * A URL reduced to what identifies the page: scheme, `www.`, fragment, trailing slash, `index.html` and
 * tracking parameters (utm_*, fbclid, gclid) do not make a different publication.
 */
export function urlKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    const params = [...url.searchParams].filter(([k]) => !/^(?:utm_|fbclid$|gclid$|mc_)/i.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const query = params.length ? '?' + new URLSearchParams(params).toString() : '';
    const path = url.pathname.replace(/\/index\.html?$/i, '/').replace(/\/+$/, '');
    return `${url.hostname.toLowerCase().replace(/^www\./, '')}${path}${query}`;
  } catch {
    return undefined;
  }
}

const LEADING_ARTICLE = /^(?:the|a|an|le|la|les|l|der|die|das|el|los|las|il|lo|gli)\s+/;

/** A title for comparison: folded, leading article dropped, no spaces (so "Re-thinking" = "Rethinking"). */
export function titleKey(title: string): string {
  return foldText(title).replace(LEADING_ARTICLE, '').replace(/ /g, '');
}
