/**
 * The mapping between CSL items and .bib entries, both ways, for classic BibTeX and for BibLaTeX.
 *
 * Writing: `bibEntryFields(item, dialect)` says which entry type and fields an item becomes, and which of its CSL
 * fields have no home in that dialect (those feed the export dialog's note, see `unsupportedFields`).
 * Reading: `cslFromBibEntry(entry)` reads either dialect (a .bib file does not say which one it is), so
 * `journal`/`journaltitle`, `address`/`location`, `year`/`date`, `school`/`institution` are all understood.
 *
 * Why these fields (https://ctan.org/pkg/biblatex, doc §2; BibTeX's btxdoc):
 * - organisations are one brace group (`{{EUROCITIES}}`): BibTeX and biber then never split them into
 *   family and given names ("Council, E.R." for "European Research Council");
 * - the page count goes to `pagetotal`. BibLaTeX defines it; classic BibTeX has no such field, but biblatex,
 *   Zotero and several natbib/biblatex-compatible styles read it, and BibTeX ignores fields it does not know;
 * - a report's publisher is its `institution`, a thesis's is its `school` (BibTeX) / `institution` (BibLaTeX);
 * - BibTeX gets `year` and `month` (as the standard `jan`…`dec` macros), plus `date` when the record has a day
 *   or a range, which BibTeX ignores and biblatex/Zotero read.
 */
import { cleanText, type CslDate, type CslItem, type ItemType, type Name } from '../model';
import { formatIsoDate, MONTHS, parseIsoDate, parseMonth, toParts } from './dates';
import { decodeLatex, encodeLatex } from './latex';

export type BibDialect = 'bibtex' | 'biblatex';
export type CslField = keyof CslItem;

/** One field as written: `raw` is already LaTeX; `bare` values (month macros) are written without braces. */
export interface BibField {
  name: string;
  raw: string;
  bare?: boolean;
}
export interface BibEntryPlan {
  type: string;
  fields: BibField[];
  /** CSL fields the item has that this dialect cannot hold for its type (`type` when the type is approximated). */
  dropped: CslField[];
}

const BIBTEX_TYPES: Record<ItemType, string> = {
  book: 'book',
  chapter: 'incollection',
  report: 'techreport',
  pamphlet: 'booklet',
  'article-journal': 'article',
  'article-magazine': 'article',
  'article-newspaper': 'article',
  article: 'misc',
  thesis: 'phdthesis',
  periodical: 'misc',
  'paper-conference': 'inproceedings',
  webpage: 'misc',
  document: 'misc',
};
const BIBLATEX_TYPES: Record<ItemType, [string, string?]> = {
  book: ['book'],
  chapter: ['incollection'],
  report: ['report'],
  pamphlet: ['booklet'],
  'article-journal': ['article'],
  // BibLaTeX's documented way to mark magazine and newspaper articles.
  'article-magazine': ['article', 'magazine'],
  'article-newspaper': ['article', 'newspaper'],
  article: ['misc'],
  thesis: ['thesis'],
  periodical: ['periodical'],
  'paper-conference': ['inproceedings'],
  webpage: ['online'],
  document: ['misc'],
};
/** Entry types read back (both dialects, and the usual aliases). */
const READ_TYPES: Record<string, ItemType> = {
  book: 'book',
  mvbook: 'book',
  proceedings: 'book',
  mvproceedings: 'book',
  collection: 'book',
  mvcollection: 'book',
  reference: 'book',
  manual: 'book',
  incollection: 'chapter',
  inbook: 'chapter',
  bookinbook: 'chapter',
  suppbook: 'chapter',
  inreference: 'chapter',
  techreport: 'report',
  report: 'report',
  booklet: 'pamphlet',
  article: 'article-journal',
  suppperiodical: 'article-journal',
  phdthesis: 'thesis',
  mastersthesis: 'thesis',
  thesis: 'thesis',
  periodical: 'periodical',
  inproceedings: 'paper-conference',
  conference: 'paper-conference',
  online: 'webpage',
  electronic: 'webpage',
  www: 'webpage',
  misc: 'document',
  unpublished: 'document',
};
/** The type an item comes back as after a trip through `dialect` (what a round trip can keep). */
export function bibRoundTripType(type: ItemType, dialect: BibDialect): ItemType {
  if (dialect === 'bibtex') return READ_TYPES[BIBTEX_TYPES[type]] ?? 'document';
  const [entry, subtype] = BIBLATEX_TYPES[type];
  return readType(entry, subtype);
}
function readType(entry: string, subtype: string | undefined): ItemType {
  if (entry === 'article' && subtype === 'magazine') return 'article-magazine';
  if (entry === 'article' && subtype === 'newspaper') return 'article-newspaper';
  return READ_TYPES[entry] ?? 'document';
}

/** ISO 639-1 codes ⇄ babel/polyglossia names for BibLaTeX's `langid` (hyphenation and localised strings). */
const LANGIDS: Record<string, string> = {
  en: 'english',
  'en-US': 'american',
  'en-GB': 'british',
  fr: 'french',
  de: 'ngerman',
  es: 'spanish',
  it: 'italian',
  nl: 'dutch',
  pt: 'portuguese',
  'pt-BR': 'brazilian',
  hr: 'croatian',
  sl: 'slovene',
  sr: 'serbian',
  bs: 'bosnian',
  pl: 'polish',
  cs: 'czech',
  sk: 'slovak',
  ru: 'russian',
  uk: 'ukrainian',
  bg: 'bulgarian',
  sv: 'swedish',
  da: 'danish',
  nb: 'norsk',
  nn: 'nynorsk',
  fi: 'finnish',
  hu: 'magyar',
  el: 'greek',
  tr: 'turkish',
  ca: 'catalan',
  ro: 'romanian',
  lt: 'lithuanian',
  lv: 'latvian',
  et: 'estonian',
  ga: 'irish',
  cy: 'welsh',
  la: 'latin',
};
const LANG_FROM_LANGID = new Map(Object.entries(LANGIDS).map(([code, name]) => [name, code]));
LANG_FROM_LANGID.set('german', 'de');
LANG_FROM_LANGID.set('UKenglish', 'en-GB');
LANG_FROM_LANGID.set('USenglish', 'en-US');

const ARTICLE_TYPES = new Set<ItemType>(['article-journal', 'article-magazine', 'article-newspaper']);
const IN_BOOK_TYPES = new Set<ItemType>(['chapter', 'paper-conference']);

/** Plans the .bib entry for one item. */
export function bibEntryFields(item: CslItem, dialect: BibDialect): BibEntryPlan {
  const ascii = dialect === 'bibtex';
  const text = (s: string) => encodeLatex(s, { ascii });
  // BibLaTeX splits publisher, institution and location on " and " (they are lists): a braced {and} stays text.
  const list = (s: string) => text(s).replace(/(?<=^|\s)(and)(?=\s|$)/gi, '{$1}');
  const fields: BibField[] = [];
  const dropped: CslField[] = [];
  const put = (name: string, raw: string | undefined, bare = false) => {
    if (raw !== undefined) fields.push(bare ? { name, raw, bare } : { name, raw });
  };

  let type: string;
  if (dialect === 'bibtex') {
    type = BIBTEX_TYPES[item.type];
  } else {
    const [entry, subtype] = BIBLATEX_TYPES[item.type];
    type = entry;
    if (subtype) put('entrysubtype', subtype);
  }
  if (bibRoundTripType(item.type, dialect) !== item.type) dropped.push('type');

  if (item.author?.length) put('author', encodeNames(item.author, ascii));
  if (item.editor?.length) put('editor', encodeNames(item.editor, ascii));
  put('title', protectCase(item.title, ascii));
  if (item['container-title'] !== undefined) {
    if (ARTICLE_TYPES.has(item.type)) put(dialect === 'bibtex' ? 'journal' : 'journaltitle', text(item['container-title']));
    else if (IN_BOOK_TYPES.has(item.type)) put('booktitle', protectCase(item['container-title'], ascii));
    else dropped.push('container-title');
  }
  if (item['collection-title'] !== undefined) put('series', text(item['collection-title']));
  if (item.edition !== undefined) put('edition', text(item.edition));
  if (item.volume !== undefined) put('volume', text(item.volume));
  if (item.issue !== undefined) put('number', text(item.issue));
  if (item.page !== undefined) put('pages', text(item.page).replace(/(?<=\w)\s*-(?:\{\}-)*\s*(?=\w)/g, '--'));
  if (item['number-of-pages'] !== undefined) put('pagetotal', item['number-of-pages']);
  if (item.publisher !== undefined) {
    const name = item.type === 'report' ? 'institution' : item.type === 'thesis' ? (dialect === 'bibtex' ? 'school' : 'institution') : 'publisher';
    put(name, list(item.publisher));
  }
  if (item['publisher-place'] !== undefined) put(dialect === 'bibtex' ? 'address' : 'location', list(item['publisher-place']));
  if (item.issued) {
    if (dialect === 'biblatex') put('date', formatIsoDate(item.issued));
    else {
      const [year, month, day] = item.issued['date-parts'][0]!;
      put('year', String(year));
      if (month !== undefined) put('month', MONTHS[month - 1]!, true);
      if (day !== undefined || item.issued['date-parts'].length > 1) put('date', formatIsoDate(item.issued));
    }
  }
  if (item.ISBN !== undefined) put('isbn', text(item.ISBN));
  if (item.ISSN !== undefined) put('issn', text(item.ISSN));
  if (item.DOI !== undefined) put('doi', verbatim(item.DOI));
  if (item.URL !== undefined) put('url', verbatim(item.URL));
  if (item.language !== undefined) {
    const langid = dialect === 'biblatex' ? LANGIDS[item.language] : undefined;
    if (langid) put('langid', langid);
    else put('language', item.language);
  }
  if (item.abstract !== undefined) put('abstract', text(item.abstract));
  return { type, fields, dropped };
}

/** Serialises one planned entry. */
export function serializeBibEntry(key: string, plan: BibEntryPlan): string {
  const lines = plan.fields.map((f) => `  ${f.name} = ${f.bare ? f.raw : `{${f.raw}}`},`);
  return `@${plan.type}{${key},\n${lines.join('\n')}\n}\n`;
}

/**
 * URLs and DOIs are verbatim fields (biblatex reads them as is; BibTeX styles pass them to `\url`): only the
 * characters that could unbalance the value or start a command are percent-encoded, which keeps the URL valid.
 */
function verbatim(value: string): string {
  return value.replace(/[{}\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Encodes a title, bracing words with capitals after the first word so styles that lower-case titles keep them. */
function protectCase(title: string, ascii: boolean): string {
  return title
    .split(/(\s+)/)
    .map((word, i) => {
      const raw = encodeLatex(word, { ascii });
      return i > 0 && /\p{Lu}/u.test(word) ? `{${raw}}` : raw;
    })
    .join('');
}

/** Names joined by ` and `: organisations as one brace group, persons as `Family, Given`. */
export function encodeNames(names: readonly Name[], ascii: boolean): string {
  return names.map((n) => encodeName(n, ascii)).join(' and ');
}
function encodeName(name: Name, ascii: boolean): string {
  const part = (s: string) => {
    const raw = encodeLatex(s, { ascii });
    // A comma or a lone "and" would split the name; a brace group keeps it whole.
    return /,|(^|\s)and(\s|$)/i.test(s) ? `{${raw}}` : raw;
  };
  if (name.family === undefined) return `{${encodeLatex(name.literal ?? '', { ascii })}}`;
  // "Family," with nothing after the comma keeps a family-only person apart from an organisation.
  return `${part(name.family)}, ${name.given === undefined ? '' : part(name.given)}`.trimEnd();
}

/** A parsed .bib entry: lower-case type and field names, raw (undecoded) field values. */
export interface RawBibEntry {
  type: string;
  key: string;
  fields: Map<string, string>;
  line: number;
}

/** Reads a raw entry (either dialect) as a CSL item candidate; `cslItemSchema` validates it afterwards. */
export function cslFromBibEntry(entry: RawBibEntry): Record<string, unknown> {
  const f = entry.fields;
  const text = (name: string) => {
    const v = f.get(name);
    if (v === undefined) return undefined;
    // cslItemSchema cleans the text (whitespace, controls, length) afterwards.
    const decoded = decodeLatex(v);
    return decoded.trim() === '' ? undefined : decoded;
  };
  const first = (...names: string[]) => names.map(text).find((v) => v !== undefined);
  const type = readType(entry.type, f.get('entrysubtype')?.trim().toLowerCase());
  const item: Record<string, unknown> = { type };
  const set = (key: CslField, value: unknown) => {
    if (value !== undefined) item[key] = value;
  };
  set('title', text('title'));
  set('author', names(f.get('author')));
  set('editor', names(f.get('editor')));
  set('container-title', first('journaltitle', 'journal', 'booktitle'));
  set('collection-title', text('series'));
  set('edition', text('edition'));
  set('volume', text('volume'));
  set('issue', first('number', 'issue'));
  set('page', text('pages')?.replace(/\s*[\u2013\u2014]\s*/g, '-'));
  set('number-of-pages', text('pagetotal'));
  set('publisher', first('publisher', 'institution', 'school', 'organization'));
  set('publisher-place', first('location', 'address'));
  set('issued', readDate(f));
  set('ISBN', text('isbn'));
  set('ISSN', text('issn'));
  set('DOI', readVerbatim(f.get('doi')));
  set('URL', readVerbatim(f.get('url')));
  const langid = f.get('langid')?.trim();
  set('language', (langid && LANG_FROM_LANGID.get(langid)) ?? text('language'));
  set('abstract', text('abstract'));
  return item;
}

function readVerbatim(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // Other exporters write `\url{…}` or escape `_`, `%`, `&`, `#` in URLs; the value itself is verbatim.
  const v = raw
    .trim()
    .replace(/^\\url\{(.*)\}$/s, '$1')
    .replace(/\\([_%&#$~])/g, '$1');
  return v === '' ? undefined : v;
}

function readDate(f: Map<string, string>): CslDate | undefined {
  const date = f.get('date');
  if (date !== undefined) {
    const parsed = parseIsoDate(decodeLatex(date));
    if (parsed) return parsed;
  }
  const yearText = f.get('year');
  if (yearText === undefined) return undefined;
  const year = /-?\d{1,4}/.exec(decodeLatex(yearText))?.[0];
  if (year === undefined) return undefined;
  const monthText = f.get('month');
  const month = monthText === undefined ? undefined : parseMonth(decodeLatex(monthText));
  return { 'date-parts': [toParts(Number(year), month)] } as CslDate;
}

/** Splits a raw name list on ` and ` outside braces and reads each name (literal, `Family, Given` or `Given Family`). */
export function names(raw: string | undefined): Name[] | undefined {
  if (raw === undefined) return undefined;
  const result: Name[] = [];
  for (const part of splitTopLevel(raw, /\s+and\s+/iy)) {
    const name = readName(part.trim());
    if (name) result.push(name);
  }
  return result.length ? result : undefined;
}

function readName(raw: string): Name | undefined {
  if (raw === '' || raw === 'others') return undefined;
  if (isOneGroup(raw)) {
    const literal = clean(raw.slice(1, -1));
    return literal ? { literal } : undefined;
  }
  const parts = splitTopLevel(raw, /\s*,\s*/y).map((p) => p.trim());
  if (parts.length >= 2) {
    const family = parts.length > 2 ? clean(`${parts[0]}, ${parts[1]}`) : clean(parts[0]!);
    const given = clean(parts[parts.length - 1]!);
    if (!family) return given ? { family: given } : undefined;
    return given ? { family, given } : { family };
  }
  // "Given von Last": the family name starts at the first lower-case word (the von part), else it is the last word.
  const words = splitTopLevel(raw, /\s+/y).filter((w) => w !== '');
  if (words.length === 1) return { family: clean(words[0]!) };
  let start = words.findIndex((w, i) => i < words.length - 1 && isLowerCaseWord(w));
  if (start < 0) start = words.length - 1;
  const family = clean(words.slice(start).join(' '));
  const given = clean(words.slice(0, start).join(' '));
  return given ? { family, given } : { family };
}

const clean = (raw: string) => cleanText(decodeLatex(raw), Number.MAX_SAFE_INTEGER);

function isLowerCaseWord(raw: string): boolean {
  // BibTeX: a word starting with a plain brace group has no case; `{\'e}` counts as its letter.
  if (raw.startsWith('{') && !raw.startsWith('{\\')) return false;
  const letter = /\p{L}/u.exec(decodeLatex(raw))?.[0];
  return letter !== undefined && letter === letter.toLowerCase() && letter !== letter.toUpperCase();
}

function isOneGroup(raw: string): boolean {
  if (!raw.startsWith('{') || !raw.endsWith('}')) return false;
  let depth = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '{') depth++;
    else if (raw[i] === '}' && --depth === 0 && i < raw.length - 1) return false;
  }
  return true;
}

/** Splits on a sticky separator regex wherever the brace depth is zero. */
function splitTopLevel(raw: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      separator.lastIndex = i;
      const m = separator.exec(raw);
      if (m && m[0].length > 0) {
        parts.push(raw.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(raw.slice(start));
  return parts;
}
