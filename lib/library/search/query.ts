/**
 * The search box's query language, parsed into terms the index can match. Pure.
 *   words            every word must match (title, authors, editors, publisher, place, year, tags, note…);
 *                    the last word matches as a prefix while it is being typed; long words forgive typos
 *   "exact phrase"   these words, in this order, in one field (no typos)
 *   -word  -"phrase" -tag:x …   exclude
 *   field:value      author:, editor:, title:, publisher:, place:, note:, tag:, type:, year:
 */
import { foldText, foldWords } from '../normalize';
import { typoBudget } from './fuzzy';

/** The searchable fields of a record, in the order the compact row stores them. */
export const TEXT_FIELDS = ['title', 'author', 'editor', 'publisher', 'place', 'container', 'note'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
/** Every field a term can be limited to: the text fields, year and tag words, and the whole-value filters. */
export type FieldName = TextField | 'year' | 'tagWord' | 'tag' | 'type';

/** One word to look up in the vocabulary. */
export interface QueryTerm {
  word: string;
  /** Fields it may match in; `undefined` means every searchable field. */
  fields?: readonly FieldName[];
  /** Matches words starting with `word` (the word being typed). */
  prefix: boolean;
  /** Edits forgiven (0 for short words, phrases, tags, types and exclusions). */
  typos: number;
  /** `type:article` also matches `article-journal`, `article-newspaper`… */
  typeFamily?: boolean;
}

export interface QueryPhrase {
  terms: QueryTerm[];
  negate: boolean;
}

export interface YearRange {
  min: number;
  max: number;
  negate: boolean;
}

export interface ParsedQuery {
  /** Words that must all match. */
  include: QueryTerm[];
  /** Single words that must not match. */
  exclude: QueryTerm[];
  /** Multi-word phrases (their words are also in `include`, unless negated). */
  phrases: QueryPhrase[];
  years: YearRange[];
}

const FIELD_ALIASES: Record<string, FieldName | 'year'> = {
  title: 'title',
  author: 'author',
  authors: 'author',
  by: 'author',
  editor: 'editor',
  publisher: 'publisher',
  pub: 'publisher',
  place: 'place',
  in: 'container',
  journal: 'container',
  note: 'note',
  tag: 'tag',
  type: 'type',
  year: 'year',
};

/** For the popup's help and the README: every piece of the syntax with an example. */
export const QUERY_SYNTAX: readonly { readonly example: string; readonly meaning: string }[] = [
  { example: 'cultural polic', meaning: 'all words, in any field; the last word may be unfinished' },
  { example: 'svob dokic', meaning: 'accents and case do not matter (matches Švob-Đokić)' },
  { example: 'cultral', meaning: 'long words forgive a typo (two from 9 letters)' },
  { example: '"creative europe"', meaning: 'exact phrase' },
  { example: '-draft', meaning: 'exclude a word (also -tag:…, -type:…, -"phrase")' },
  { example: 'year:2017', meaning: 'published in 2017' },
  { example: 'year:2010..2017', meaning: 'published 2010 to 2017 (year:2010.. or year:..2017 for open ranges)' },
  { example: 'type:report', meaning: 'item type: book, chapter, report, article, thesis, webpage…' },
  { example: 'tag:culture', meaning: 'has this tag' },
  { example: 'publisher:unesco', meaning: 'word in the publisher; also author:, editor:, title:, place:, journal:, note:' },
];

/** The same, as plain text. */
export const QUERY_HELP = QUERY_SYNTAX.map(({ example, meaning }) => `${example.padEnd(18)} ${meaning}`).join('\n');

interface Token {
  negate: boolean;
  field?: string;
  value: string;
  quoted: boolean;
  /** The token runs to the end of the box: its last word is still being typed. */
  open: boolean;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = query.length;
  const space = (c: string | undefined) => c === undefined || /\s/.test(c);
  while (i < n) {
    while (i < n && space(query[i])) i++;
    if (i >= n) break;
    let negate = false;
    if (query[i] === '-' && !space(query[i + 1])) {
      negate = true;
      i++;
    }
    let field: string | undefined;
    const fieldMatch = /^([a-z]+):(?=\S)/i.exec(query.slice(i, i + 12));
    if (fieldMatch && FIELD_ALIASES[fieldMatch[1]!.toLowerCase()]) {
      field = fieldMatch[1]!.toLowerCase();
      i += fieldMatch[0].length;
    }
    if (query[i] === '"') {
      const end = query.indexOf('"', i + 1);
      const value = query.slice(i + 1, end < 0 ? n : end);
      i = end < 0 ? n : end + 1;
      tokens.push({ negate, field, value, quoted: true, open: end < 0 });
    } else {
      const start = i;
      while (i < n && !space(query[i])) i++;
      tokens.push({ negate, field, value: query.slice(start, i), quoted: false, open: i >= n });
    }
  }
  return tokens;
}

function parseYears(value: string, negate: boolean, open: boolean): YearRange | undefined {
  const m = /^(-?\d{1,4})?(?:(\.\.|–)(-?\d{1,4})?)?$/.exec(value.trim());
  if (!m || (m[1] === undefined && m[3] === undefined)) return undefined;
  // "year:20" while typing would hide everything for a moment: wait for four digits.
  if (open && !m[2] && m[1] && m[1].replace('-', '').length < 4) return undefined;
  const min = m[1] !== undefined ? Number(m[1]) : -Infinity;
  const max = m[2] ? (m[3] !== undefined ? Number(m[3]) : Infinity) : min;
  return { min: Math.min(min, max), max: Math.max(min, max), negate };
}

const word = (w: string, fields: readonly FieldName[] | undefined, prefix: boolean, fuzzy: boolean): QueryTerm => ({
  word: w,
  ...(fields ? { fields } : {}),
  prefix,
  typos: fuzzy && !/^\d+$/.test(w) ? typoBudget(w.length) : 0,
});

/** Parses the search box. Never throws: anything it does not understand is searched as words. */
export function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { include: [], exclude: [], phrases: [], years: [] };
  for (const token of tokenize(query)) {
    const field = token.field ? FIELD_ALIASES[token.field] : undefined;
    if (field === 'year') {
      const years = parseYears(token.value, token.negate, token.open);
      if (years) parsed.years.push(years);
      continue;
    }
    if (field === 'tag' || field === 'type') {
      const value = field === 'type' ? token.value.trim().toLowerCase() : foldText(token.value);
      if (!value) continue;
      const term: QueryTerm = { word: value, fields: [field], prefix: token.open && !token.negate, typos: 0, ...(field === 'type' ? { typeFamily: true } : {}) };
      (token.negate ? parsed.exclude : parsed.include).push(term);
      continue;
    }
    const fields = field ? [field] : undefined;
    const words = foldWords(token.value);
    if (!words.length) continue;
    if (token.negate) {
      if (words.length === 1 && !token.quoted) parsed.exclude.push(word(words[0]!, fields, false, false));
      else parsed.phrases.push({ terms: words.map((w) => word(w, fields, false, false)), negate: true });
      continue;
    }
    // Outside quotes a hyphenated "svob-dokic" is two words anywhere; inside quotes the order matters.
    const terms = words.map((w, k) => word(w, fields, token.open && k === words.length - 1, !token.quoted));
    parsed.include.push(...terms);
    if (token.quoted && terms.length > 1) parsed.phrases.push({ terms, negate: false });
  }
  return parsed;
}
