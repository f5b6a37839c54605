/**
 * RIS (the tagged format of Research Information Systems, as EndNote and Zotero write and read it).
 *
 * Tag choices, each as Zotero's RIS translator and EndNote read them:
 * - `AU` authors, `A2` editors (the "secondary author" EndNote and Zotero read as editor; the old `ED` tag is
 *   read too, but not written: for some EndNote types `ED` means edition);
 * - an organisation is a name without a comma (`AU  - EUROCITIES`), which Zotero keeps as a single-field name;
 *   a person is always `Family, Given` (`Family,` when there is no given name);
 * - the page count is `SP` for books, theses, reports and pamphlets: the RIS specification lists `SP` as
 *   "Number of Pages" for these types, Zotero reads it into `numPages` for books and theses, and EndNote into
 *   "Number of Pages"/"Pages" of its Book, Thesis and Report forms. Elsewhere `SP`/`EP` are the page range;
 * - `CY` place, `PB` publisher (a report's institution too), `T2` the container, `T3` the series,
 *   `DA` the full date (`2004/05/03/`) and `PY` the year, `SN` ISBN or ISSN (one line each), `DO`, `UR`, `LA`.
 */
import { cleanText, type CslDate, type CslItem, type ItemType, type LibraryRecord, type Name } from '../model';
import { toParts } from './dates';
import { citationKeys } from './csl';
import type { CslField, ExportFormat, ImportFormat, ReadEntry, ReadProblem, ReadResult } from './format';

const WRITE_TYPES: Record<ItemType, string> = {
  book: 'BOOK',
  chapter: 'CHAP',
  report: 'RPRT',
  pamphlet: 'PAMP',
  'article-journal': 'JOUR',
  'article-magazine': 'MGZN',
  'article-newspaper': 'NEWS',
  article: 'UNPB',
  thesis: 'THES',
  periodical: 'JFULL',
  'paper-conference': 'CPAPER',
  webpage: 'ELEC',
  document: 'GEN',
};
const READ_TYPES: Record<string, ItemType> = {
  ...Object.fromEntries(Object.entries(WRITE_TYPES).map(([csl, ris]) => [ris, csl as ItemType])),
  EDBOOK: 'book',
  EBOOK: 'book',
  SER: 'book',
  CHAPTER: 'chapter',
  ECHAP: 'chapter',
  GOVDOC: 'report',
  STAND: 'report',
  EJOUR: 'article-journal',
  ABST: 'article-journal',
  INPR: 'article-journal',
  JFULL: 'periodical',
  CONF: 'paper-conference',
  WEB: 'webpage',
  BLOG: 'webpage',
  MANSCPT: 'document',
};
/** Types whose `SP` is the number of pages. */
const PAGE_COUNT_TYPES = new Set<ItemType>(['book', 'thesis', 'report', 'pamphlet']);
const ISSN = /^\d{4}-?\d{3}[\dXx]$/;

interface RisPlan {
  lines: [string, string][];
  dropped: CslField[];
}

function risLines(item: CslItem, key: string): RisPlan {
  const lines: [string, string][] = [];
  const dropped: CslField[] = [];
  const put = (tag: string, value: string | undefined) => {
    if (value !== undefined) lines.push([tag, value]);
  };
  put('TY', WRITE_TYPES[item.type]);
  put('ID', key);
  for (const name of item.author ?? []) put('AU', risName(name));
  for (const name of item.editor ?? []) put('A2', risName(name));
  // The comma is RIS's only name separator: an organisation or family name containing one cannot come back whole.
  const hasComma = (n: Name) => (n.literal ?? n.family ?? '').includes(',');
  if (item.author?.some(hasComma)) dropped.push('author');
  if (item.editor?.some(hasComma)) dropped.push('editor');
  put('TI', item.title);
  put('T2', item['container-title']);
  put('T3', item['collection-title']);
  if (item.issued) {
    const [year, month, day] = item.issued['date-parts'][0]!;
    put('PY', String(year));
    if (month !== undefined) put('DA', `${year}/${String(month).padStart(2, '0')}/${day === undefined ? '' : String(day).padStart(2, '0')}/`);
    // RIS has no date ranges.
    if (item.issued['date-parts'].length > 1) dropped.push('issued');
  }
  put('ET', item.edition);
  put('VL', item.volume);
  put('IS', item.issue);
  const range = item.page === undefined ? undefined : /^\s*([^-\s]+)\s*-+\s*([^-\s]+)\s*$/.exec(item.page);
  if (PAGE_COUNT_TYPES.has(item.type)) {
    // SP is the page count here; a page range can still be written as SP/EP when there is no count.
    if (item['number-of-pages'] !== undefined) {
      put('SP', item['number-of-pages']);
      if (item.page !== undefined) dropped.push('page');
    } else if (range) {
      put('SP', range[1]);
      put('EP', range[2]);
    } else if (item.page !== undefined) dropped.push('page');
  } else {
    if (range) {
      put('SP', range[1]);
      put('EP', range[2]);
    } else put('SP', item.page);
    if (item['number-of-pages'] !== undefined) dropped.push('number-of-pages');
  }
  put('PB', item.publisher);
  put('CY', item['publisher-place']);
  put('SN', item.ISBN);
  put('SN', item.ISSN);
  if (item.ISBN !== undefined && ISSN.test(item.ISBN)) dropped.push('ISBN');
  if (item.ISSN !== undefined && !ISSN.test(item.ISSN)) dropped.push('ISSN');
  put('DO', item.DOI);
  put('UR', item.URL);
  put('LA', item.language);
  put('AB', item.abstract);
  return { lines, dropped };
}

function risName(name: Name): string | undefined {
  // Commas inside a family or organisation name become spaces (and the field is reported as not held).
  const noComma = (s: string) => cleanText(s.replace(/,/g, ' '));
  if (name.family === undefined) return noComma(name.literal ?? '') || undefined;
  const family = noComma(name.family);
  if (!family) return name.given === undefined ? undefined : `${name.given},`;
  return name.given === undefined ? `${family},` : `${family}, ${name.given}`;
}

/** Formats records as RIS (CRLF line ends, as the specification and EndNote expect). */
export function formatRis(records: readonly LibraryRecord[]): string {
  const keys = citationKeys(records);
  return records
    .map((record, i) => [...risLines(record.item, keys[i]!).lines, ['ER', '']].map(([tag, value]) => `${tag}  - ${value}\r\n`).join(''))
    .join('\r\n');
}

const TAG_LINE = /^([A-Z][A-Z0-9])  ?-(?: (.*))?$/;

/** Reads RIS text into CSL item candidates; a record without `TY` or without `ER` is reported, not guessed. */
export function readRis(text: string): ReadResult {
  const entries: ReadEntry[] = [];
  const result: ReadResult = { entries, count: 0, errors: [], warnings: [] };
  const lines = text.split(/\r\n|\n|\r/);
  let current: { line: number; tags: [string, string][] } | undefined;
  let last: [string, string] | undefined;
  const fail = (problem: ReadProblem) => result.errors.push(problem);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const m = TAG_LINE.exec(raw.trimEnd());
    if (!m) {
      // Some writers wrap long values: a line that is not a tag continues the previous value.
      if (current && last && raw.trim() !== '') last[1] += ' ' + raw.trim();
      continue;
    }
    const tag = m[1]!;
    const value = (m[2] ?? '').trim();
    if (tag === 'TY') {
      if (current) fail({ line: current.line, reason: `record not closed: no "ER" before the next "TY" at line ${i + 1}` });
      current = { line: i + 1, tags: [['TY', value]] };
      last = undefined;
    } else if (!current) {
      fail({ line: i + 1, reason: `tag "${tag}" outside a record (a record starts with "TY")` });
    } else if (tag === 'ER') {
      entries.push(risEntry(current.line, current.tags, result.warnings));
      current = undefined;
    } else {
      last = [tag, value];
      current.tags.push(last);
    }
  }
  if (current) fail({ line: current.line, reason: 'record not closed: the file ends before its "ER"' });
  result.count = entries.length;
  return result;
}

function risEntry(line: number, tags: [string, string][], warnings: ReadProblem[]) {
  const all = (...names: string[]) => tags.filter(([t, v]) => names.includes(t) && v !== '').map(([, v]) => v);
  const one = (...names: string[]) => names.map((n) => all(n)[0]).find((v) => v !== undefined);
  const typeCode = one('TY')?.toUpperCase() ?? '';
  const type = READ_TYPES[typeCode] ?? 'document';
  const key = one('ID');
  if (!(typeCode in READ_TYPES)) warnings.push({ line, ...(key ? { key } : {}), reason: `unknown RIS type "${typeCode}" read as a document` });
  const item: Record<string, unknown> = { type };
  const set = (k: CslField, v: unknown) => {
    if (v !== undefined) item[k] = v;
  };
  set('title', one('TI', 'T1', 'CT'));
  set('author', names(all('AU', 'A1')));
  set('editor', names([...all('A2'), ...all('ED').filter((v) => !/^\d/.test(v))]));
  set('container-title', one('T2', 'JF', 'JO', 'BT', 'JA', 'J2'));
  set('collection-title', one('T3'));
  set('issued', risDate(one('DA'), one('PY', 'Y1')));
  set('edition', one('ET'));
  set('volume', one('VL'));
  set('issue', one('IS', 'CP'));
  const sp = one('SP');
  const ep = one('EP');
  if (sp !== undefined && ep === undefined && PAGE_COUNT_TYPES.has(type) && /^\d{1,6}$/.test(sp)) set('number-of-pages', sp);
  else if (sp !== undefined) set('page', ep === undefined ? sp : `${sp}-${ep}`);
  set('publisher', one('PB'));
  set('publisher-place', one('CY', 'PP'));
  for (const sn of all('SN', 'BN')) {
    const k = ISSN.test(sn) ? 'ISSN' : 'ISBN';
    if (item[k] === undefined) item[k] = sn;
  }
  set('DOI', one('DO')?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, ''));
  set('URL', one('UR', 'L2'));
  set('language', one('LA'));
  set('abstract', one('AB', 'N2'));
  return { line, ...(key ? { key } : {}), candidate: item };
}

function names(values: string[]): Name[] | undefined {
  const list = values.map((v): Name => {
    const comma = v.indexOf(',');
    if (comma < 0) return { literal: v };
    const family = v.slice(0, comma).trim();
    const given = v.slice(comma + 1).trim();
    if (!family) return { family: given };
    return given ? { family, given } : { family };
  });
  return list.length ? list : undefined;
}

function risDate(da: string | undefined, py: string | undefined): CslDate | undefined {
  for (const value of [da, py]) {
    const m = value === undefined ? null : /^(-?\d{1,4})(?:\/(\d{1,2})?(?:\/(\d{1,2})?)?)?/.exec(value);
    if (!m) continue;
    const month = m[2] === undefined ? undefined : Number(m[2]);
    const day = month === undefined || m[3] === undefined ? undefined : Number(m[3]);
    return { 'date-parts': [toParts(Number(m[1]), month, day)] } as CslDate;
  }
  return undefined;
}

export const risExport: ExportFormat = {
  label: 'RIS',
  extension: 'ris',
  mime: 'application/x-research-info-systems',
  format: formatRis,
  dropped: (item) => risLines(item, '').dropped,
};

export const risImport: ImportFormat = {
  label: 'RIS',
  read: readRis,
};
