/**
 * Embedded `<meta>` metadata: Highwire Press `citation_*`, Dublin Core (`DC.`, `DCTERMS.`, `dc.` in any case),
 * PRISM, eprints, bepress, Open Graph with `book:`/`article:`. Meta tags written with `value=` instead of
 * `content=` are read too. Highwire/DC/PRISM/eprints/bepress describe the publication; Open Graph describes
 * the page and is only a weak witness.
 */
import { parseDate } from './dates';
import { cleanDoi, isValidIsbn, isValidIssn } from './identifiers';
import { parseName, parsePerson } from './names';
import type { Draft, DraftItem, DraftName, SourceOutput } from './types';

type MetaMap = Map<string, string[]>;

const MAX_META = 3000;

/** All meta name/property → values, keys lower-cased, in document order. */
export function readMeta(doc: Document): MetaMap {
  const map: MetaMap = new Map();
  const metas = doc.querySelectorAll('meta');
  let n = 0;
  for (const m of metas) {
    if (++n > MAX_META) break;
    const key = (m.getAttribute('name') ?? m.getAttribute('property') ?? m.getAttribute('itemprop') ?? '').trim().toLowerCase();
    if (!key || key.length > 80) continue;
    const value = (m.getAttribute('content') ?? m.getAttribute('value') ?? '').replace(/\s+/g, ' ').trim();
    if (!value) continue;
    const list = map.get(key);
    if (list) {
      if (list.length < 500) list.push(value);
    } else map.set(key, [value]);
  }
  return map;
}

const first = (meta: MetaMap, ...keys: string[]): string | undefined => {
  for (const k of keys) {
    const v = meta.get(k)?.[0];
    if (v) return v;
  }
  return undefined;
};
const all = (meta: MetaMap, ...keys: string[]): string[] => {
  for (const k of keys) {
    const v = meta.get(k);
    if (v?.length) return v;
  }
  return [];
};

function persons(values: string[]): DraftName[] {
  const out: DraftName[] = [];
  for (const v of values.slice(0, 500)) {
    // One tag may hold "A; B; C".
    for (const part of v.split(/\s*;\s*/)) {
      const n = /,/.test(part) ? parsePerson(part) : parseName(part);
      if (n) out.push(n);
    }
  }
  return out;
}

function pickDate(...values: (string | undefined)[]): number[] | undefined {
  for (const v of values) {
    if (!v) continue;
    const d = parseDate(v);
    if (d) return d;
  }
  return undefined;
}

function isbnOf(...values: (string | undefined)[]): string | undefined {
  for (const v of values) if (v && isValidIsbn(v.replace(/^urn:isbn:/i, ''))) return v.replace(/^urn:isbn:/i, '').trim();
  return undefined;
}

function dcKey(meta: MetaMap, name: string): string[] {
  return [...(meta.get(`dc.${name}`) ?? []), ...(meta.get(`dcterms.${name}`) ?? [])];
}

function highwire(meta: MetaMap): DraftItem | null {
  const title = first(meta, 'citation_title');
  if (!title) return null;
  const item: DraftItem = { title };
  const authors = persons(all(meta, 'citation_author', 'citation_authors'));
  if (authors.length) item.author = authors;
  const editors = persons(all(meta, 'citation_editor', 'citation_editors'));
  if (editors.length) item.editor = editors;
  // citation_publication_date can be a print-issue placeholder; citation_date and online dates are fallbacks.
  const pub = pickDate(first(meta, 'citation_publication_date'));
  const dated = pickDate(first(meta, 'citation_date'), first(meta, 'dc.date', 'dcterms.issued', 'dc.date.issued', 'prism.publicationdate'));
  let issued = pub ?? dated ?? pickDate(first(meta, 'citation_year'), first(meta, 'citation_online_date', 'citation_cover_date'));
  if (pub && dated && pub[0] === dated[0] && dated.length > pub.length) issued = dated;
  if (pub && dated && (pub.length === 1 || (pub[1] === 1 && pub[2] === 1))) issued = dated;
  if (issued) item.issued = issued;
  const journal = first(meta, 'citation_journal_title', 'citation_conference_title', 'citation_inbook_title', 'citation_book_title');
  if (journal) item['container-title'] = journal;
  const publisher = first(meta, 'citation_publisher', 'citation_technical_report_institution', 'citation_dissertation_institution');
  if (publisher) item.publisher = publisher;
  const doi = first(meta, 'citation_doi');
  if (doi) item.DOI = cleanDoi(doi) ?? undefined;
  const isbn = isbnOf(...all(meta, 'citation_isbn'));
  if (isbn) item.ISBN = isbn;
  const issn = all(meta, 'citation_issn', 'citation_eissn').find(isValidIssn);
  if (issn) item.ISSN = issn;
  const volume = first(meta, 'citation_volume');
  if (volume) item.volume = volume;
  const issue = first(meta, 'citation_issue');
  if (issue) item.issue = issue;
  const fp = first(meta, 'citation_firstpage');
  const lp = first(meta, 'citation_lastpage');
  if (fp) item.page = lp && lp !== fp ? `${fp}-${lp}` : fp;
  const lang = first(meta, 'citation_language');
  if (lang) item.language = lang;
  if (first(meta, 'citation_dissertation_institution')) item.type = 'thesis';
  else if (first(meta, 'citation_technical_report_institution', 'citation_technical_report_number')) item.type = 'report';
  else if (first(meta, 'citation_arxiv_id') || /arxiv|biorxiv|medrxiv|preprint/i.test(journal ?? '')) item.type = 'article';
  else if (first(meta, 'citation_conference_title')) item.type = 'paper-conference';
  else if (first(meta, 'citation_inbook_title')) item.type = 'chapter';
  else if (journal) item.type = 'article-journal';
  else if (isbn) item.type = 'book';
  return item;
}

function dublinCore(meta: MetaMap): DraftItem | null {
  const title = dcKey(meta, 'title')[0];
  if (!title) return null;
  const creators = persons(dcKey(meta, 'creator'));
  const contributors = persons(dcKey(meta, 'contributor'));
  const item: DraftItem = { title };
  const authors = creators.length ? creators : contributors;
  if (authors.length) item.author = authors;
  const date = pickDate(dcKey(meta, 'date.issued')[0], dcKey(meta, 'issued')[0], dcKey(meta, 'date')[0], dcKey(meta, 'created')[0]);
  if (date) item.issued = date;
  const publisher = dcKey(meta, 'publisher')[0];
  if (publisher) item.publisher = publisher;
  for (const id of [...dcKey(meta, 'identifier'), ...dcKey(meta, 'source')]) {
    const doi = /10\.\d{4,9}\//.test(id) ? cleanDoi(id) : null;
    if (doi && !item.DOI) item.DOI = doi;
    if (!item.ISBN && /isbn/i.test(id) && isValidIsbn(id.replace(/^\D+/, ''))) item.ISBN = id.replace(/^urn:isbn:|^isbn:?\s*/i, '');
  }
  const type = (dcKey(meta, 'type')[0] ?? '').toLowerCase();
  if (/book/.test(type)) item.type = 'book';
  else if (/thesis|dissertation/.test(type)) item.type = 'thesis';
  else if (/report/.test(type)) item.type = 'report';
  const lang = dcKey(meta, 'language')[0];
  if (lang && /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(lang)) item.language = lang.toLowerCase();
  return item;
}

function prism(meta: MetaMap): DraftItem | null {
  const name = first(meta, 'prism.publicationname');
  const item: DraftItem = {};
  if (name) item['container-title'] = name;
  const vol = first(meta, 'prism.volume');
  if (vol) item.volume = vol;
  const num = first(meta, 'prism.number', 'prism.issueidentifier');
  if (num) item.issue = num;
  const sp = first(meta, 'prism.startingpage');
  const ep = first(meta, 'prism.endingpage');
  if (sp) item.page = ep && ep !== sp ? `${sp}-${ep}` : sp;
  const doi = first(meta, 'prism.doi');
  if (doi) item.DOI = cleanDoi(doi) ?? undefined;
  const issn = all(meta, 'prism.issn', 'prism.eissn').find(isValidIssn);
  if (issn) item.ISSN = issn;
  const isbn = isbnOf(first(meta, 'prism.isbn'));
  if (isbn) item.ISBN = isbn;
  const date = pickDate(first(meta, 'prism.publicationdate', 'prism.coverdate'));
  if (date) item.issued = date;
  return Object.keys(item).length ? item : null;
}

function eprintsOrBepress(meta: MetaMap, prefix: 'eprints' | 'bepress_citation'): DraftItem | null {
  const title = first(meta, `${prefix}.title`, `${prefix}_title`);
  if (!title) return null;
  const item: DraftItem = { title };
  const creators = persons(all(meta, `${prefix}.creators_name`, `${prefix}_author`));
  if (creators.length) item.author = creators;
  const editors = persons(all(meta, `${prefix}.editors_name`));
  if (editors.length) item.editor = editors;
  const date = pickDate(first(meta, `${prefix}.date`, `${prefix}_date`, `${prefix}_publication_date`));
  if (date) item.issued = date;
  const publisher = first(meta, `${prefix}.publisher`, `${prefix}_publisher`, `${prefix}.institution`);
  if (publisher) item.publisher = publisher;
  const place = first(meta, `${prefix}.place_of_pub`);
  if (place) item['publisher-place'] = place;
  const pages = first(meta, `${prefix}.pages`);
  if (pages && /^\d{1,5}$/.test(pages)) item['number-of-pages'] = pages;
  const isbn = isbnOf(first(meta, `${prefix}.isbn`, `${prefix}_isbn`));
  if (isbn) item.ISBN = isbn;
  const doi = first(meta, `${prefix}.id_number`, `${prefix}_doi`);
  if (doi && cleanDoi(doi)) item.DOI = cleanDoi(doi)!;
  const journal = first(meta, `${prefix}.publication`, `${prefix}_journal_title`);
  if (journal) item['container-title'] = journal;
  const type = first(meta, `${prefix}.type`) ?? '';
  if (/thesis/i.test(type)) item.type = 'thesis';
  else if (/book/i.test(type)) item.type = 'book';
  else if (journal) item.type = 'article-journal';
  return item;
}

function openGraph(meta: MetaMap): DraftItem | null {
  const title = first(meta, 'og:title', 'twitter:title');
  const item: DraftItem = {};
  if (title) item.title = title;
  const ogType = (first(meta, 'og:type') ?? '').toLowerCase();
  if (ogType === 'book') {
    item.type = 'book';
    const isbn = isbnOf(first(meta, 'book:isbn'));
    if (isbn) item.ISBN = isbn;
    const date = pickDate(first(meta, 'book:release_date'));
    if (date) item.issued = date;
    const authors = all(meta, 'book:author').filter((a) => !/^https?:/.test(a));
    if (authors.length) item.author = persons(authors);
  }
  return Object.keys(item).length ? item : null;
}

/** Site name as the page states it (og:site_name, application-name). */
export function siteName(meta: MetaMap): string | undefined {
  return first(meta, 'og:site_name', 'application-name');
}

/**
 * A preprint's registered DOI shown as a link on its page: one whose suffix carries the work's own arXiv id
 * (a reference list's DOIs never do).
 */
function ownDoiLink(doc: Document, id: string): string | undefined {
  const bare = id.replace(/v\d+$/, '').toLowerCase();
  let n = 0;
  for (const a of doc.querySelectorAll('a[href*="doi.org/10."]')) {
    if (++n > 300) break;
    const doi = cleanDoi(a.getAttribute('href') ?? '');
    if (doi && doi.toLowerCase().endsWith(bare)) return doi;
  }
  return undefined;
}

export function extractMetaTags(doc: Document, _url: string): SourceOutput {
  const meta = readMeta(doc);
  const drafts: Draft[] = [];
  const hw = highwire(meta);
  const arxivId = first(meta, 'citation_arxiv_id');
  if (hw && arxivId) {
    // The repository that issues the preprint is its publisher.
    hw.publisher ??= 'arXiv';
    hw.DOI ??= ownDoiLink(doc, arxivId);
  }
  if (hw) drafts.push({ source: 'highwire', describes: 'publication', order: 0, confidence: 0.9, item: hw, authoritative: true });
  const dc = dublinCore(meta);
  // A DC title alone is often a CMS echo of <title>; with a creator, identifier or date it describes a work.
  if (dc) {
    const strong = !!(dc.author?.length || dc.DOI || dc.ISBN);
    drafts.push({ source: 'dublin-core', describes: strong ? 'publication' : 'page', order: 0, confidence: strong ? 0.85 : 0.4, item: dc, authoritative: strong });
  }
  const pr = prism(meta);
  if (pr) drafts.push({ source: 'prism', describes: 'publication', order: 0, confidence: 0.85, item: pr });
  for (const prefix of ['eprints', 'bepress_citation'] as const) {
    const ep = eprintsOrBepress(meta, prefix);
    if (ep) drafts.push({ source: prefix === 'eprints' ? 'eprints' : 'bepress', describes: 'publication', order: 0, confidence: 0.85, item: ep, authoritative: true });
  }
  const og = openGraph(meta);
  if (og) {
    const isBook = og.type === 'book';
    drafts.push({ source: 'open-graph', describes: isBook && (og.ISBN || og.author) ? 'publication' : 'page', order: 0, confidence: isBook ? 0.6 : 0.3, item: og });
  }
  return { drafts };
}
