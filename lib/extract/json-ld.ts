/**
 * schema.org descriptions: JSON-LD (`@graph` arrays, nested objects, Person/Organization/string authors,
 * numberOfPages, isbn, datePublished) and microdata (`itemscope`/`itemprop`). Malformed JSON is skipped.
 * Creative works that are publications (Book, Report, ScholarlyArticle, Thesis, Chapter, PublicationIssue…)
 * describe the publication; news and web-page types describe the page.
 */
import { parseDate } from './dates';
import { cleanDoi, isValidIsbn } from './identifiers';
import { parseName } from './names';
import type { Draft, DraftItem, DraftName, SourceOutput } from './types';

const PUBLICATION_TYPES: Record<string, string> = {
  book: 'book',
  report: 'report',
  scholarlyarticle: 'article-journal',
  thesis: 'thesis',
  chapter: 'chapter',
  publicationissue: 'periodical',
  periodical: 'periodical',
  publicationvolume: 'periodical',
  medicalscholarlyarticle: 'article-journal',
  techarticle: 'report',
  creativework: 'document',
};
const PAGE_TYPES = new Set(['article', 'newsarticle', 'blogposting', 'webpage', 'socialmediaposting', 'digitaldocument', 'product', 'reportagenewsarticle', 'analysisnewsarticle']);

const MAX_NODES = 2000;
const MAX_SCRIPT = 2_000_000;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function str(v: Json | undefined): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') return str((v as Record<string, Json>)['@value'] ?? (v as Record<string, Json>)['name']);
  return undefined;
}

function typesOf(node: Record<string, Json>): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/#:]/, '').toLowerCase());
}

function namesOf(v: Json | undefined): DraftName[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  const out: DraftName[] = [];
  for (const a of list.slice(0, 500)) {
    if (typeof a === 'string') {
      const n = parseName(a);
      if (n) out.push(n);
    } else if (a && typeof a === 'object' && !Array.isArray(a)) {
      const o = a as Record<string, Json>;
      const types = typesOf(o);
      const name = str(o['name']);
      const family = str(o['familyName']);
      const given = str(o['givenName']);
      if (types.includes('organization') && name) out.push({ literal: name });
      else if (family) out.push(given ? { family, given } : { family });
      else if (name) {
        const n = types.includes('person') ? parseName(name.includes(',') ? name : name) : parseName(name);
        if (n) out.push(types.includes('person') && n.literal ? { family: n.literal } : n);
      }
    }
  }
  return out;
}

/** Flattens JSON-LD documents into their typed nodes (top level, @graph, nested values). */
function collectNodes(value: Json, out: Record<string, Json>[], depth = 0): void {
  if (out.length >= MAX_NODES || depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectNodes(v, out, depth + 1);
    return;
  }
  if (value['@type'] !== undefined) out.push(value);
  for (const [k, v] of Object.entries(value)) {
    if (k === '@context') continue;
    if (k === '@graph' || (v && typeof v === 'object' && k !== 'author' && k !== 'publisher' && k !== 'citation')) collectNodes(v, out, depth + 1);
  }
}

function itemFromNode(node: Record<string, Json>, type: string): DraftItem {
  const item: DraftItem = { type };
  const title = str(node['name']) ?? str(node['headline']);
  if (title) item.title = title;
  const authors = namesOf(node['author'] ?? node['creator']);
  if (authors.length) item.author = authors;
  const editors = namesOf(node['editor']);
  if (editors.length) item.editor = editors;
  const publisher = namesOf(node['publisher'])[0];
  if (publisher) item.publisher = publisher.literal ?? [publisher.given, publisher.family].filter(Boolean).join(' ');
  const date = parseDate(str(node['datePublished']) ?? str(node['dateCreated']) ?? str(node['copyrightYear']) ?? '');
  if (date) item.issued = date;
  const pages = str(node['numberOfPages']);
  if (pages && /^\d{1,6}$/.test(pages) && Number(pages) > 0) item['number-of-pages'] = pages;
  const isbn = str(node['isbn']);
  if (isbn && isValidIsbn(isbn)) item.ISBN = isbn;
  for (const id of [node['doi'], node['identifier'], node['sameAs']]) {
    const s = str(id as Json);
    const doi = s && /10\.\d{4,9}\//.test(s) ? cleanDoi(s) : null;
    if (doi && !item.DOI) item.DOI = doi;
  }
  const part = node['isPartOf'];
  if (part && typeof part === 'object' && !Array.isArray(part)) {
    const container = str((part as Record<string, Json>)['name']);
    if (container) item['container-title'] = container;
  }
  const vol = str(node['volumeNumber']);
  if (vol) item.volume = vol;
  const issue = str(node['issueNumber']);
  if (issue) item.issue = issue;
  const ps = str(node['pageStart']);
  const pe = str(node['pageEnd']);
  if (ps) item.page = pe && pe !== ps ? `${ps}-${pe}` : ps;
  const lang = str(node['inLanguage']);
  if (lang && /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(lang)) item.language = lang;
  return item;
}

function fromJsonLd(doc: Document): Draft[] {
  const drafts: Draft[] = [];
  const scripts = doc.querySelectorAll('script[type="application/ld+json" i], script[type="application/ld+json"]');
  for (const s of scripts) {
    const text = s.textContent ?? '';
    if (!text.trim() || text.length > MAX_SCRIPT) continue;
    let parsed: Json;
    try {
      parsed = JSON.parse(text) as Json;
    } catch {
      continue;
    }
    const nodes: Record<string, Json>[] = [];
    collectNodes(parsed, nodes);
    for (const node of nodes) {
      const types = typesOf(node);
      const pubType = types.map((t) => PUBLICATION_TYPES[t]).find(Boolean);
      if (pubType) {
        const item = itemFromNode(node, pubType);
        if (item.title) drafts.push({ source: 'json-ld', describes: 'publication', order: 0, confidence: 0.85, item, authoritative: pubType !== 'document' });
      } else if (types.some((t) => PAGE_TYPES.has(t))) {
        const item = itemFromNode(node, 'webpage');
        // A product whose identifier is an ISBN is a book on sale.
        const sku = str(node['sku']) ?? str(node['gtin13']) ?? str(node['isbn']);
        if (types.includes('product') && sku && isValidIsbn(sku)) {
          item.ISBN = sku;
          item.type = 'book';
          // A shop's product name carries shop wording ("Title (2019)"): the page's own heading names the book better.
          drafts.push({ source: 'json-ld', describes: 'publication', order: 0, confidence: 0.6, fieldConfidence: { title: 0.5 }, item });
        } else drafts.push({ source: 'json-ld', describes: 'page', order: 0, confidence: 0.3, item });
      }
    }
  }
  return drafts;
}

function fromMicrodata(doc: Document): Draft[] {
  const drafts: Draft[] = [];
  let count = 0;
  for (const scope of doc.querySelectorAll('[itemscope][itemtype]')) {
    if (++count > 200) break;
    const type = (scope.getAttribute('itemtype') ?? '').replace(/^.*[/#]/, '').toLowerCase();
    const csl = PUBLICATION_TYPES[type];
    if (!csl || csl === 'document') continue;
    const props: Record<string, Json> = { '@type': type };
    const authors: Json[] = [];
    for (const el of scope.querySelectorAll('[itemprop]')) {
      // Properties of nested items belong to them, except the author/publisher names we read below.
      const owner = el.parentElement?.closest('[itemscope]');
      const prop = (el.getAttribute('itemprop') ?? '').toLowerCase();
      const value = (el.getAttribute('content') ?? el.getAttribute('datetime') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (!value) continue;
      if (owner !== scope) {
        if (prop === 'name' && owner?.getAttribute('itemprop') === 'author') authors.push(value);
        if (prop === 'name' && owner?.getAttribute('itemprop') === 'publisher') props['publisher'] = value;
        continue;
      }
      if (el.hasAttribute('itemscope')) continue;
      const key = { name: 'name', headline: 'headline', author: 'author', datepublished: 'datePublished', isbn: 'isbn', numberofpages: 'numberOfPages', publisher: 'publisher', bookedition: 'bookEdition' }[prop];
      if (key === 'author') authors.push(value);
      else if (key && props[key] === undefined) props[key] = value;
    }
    if (authors.length) props['author'] = authors;
    const item = itemFromNode(props, csl);
    if (item.title) drafts.push({ source: 'microdata', describes: 'publication', order: 0, confidence: 0.8, item, authoritative: true });
  }
  return drafts;
}

export function extractJsonLd(doc: Document, _url: string): SourceOutput {
  return { drafts: [...fromJsonLd(doc), ...fromMicrodata(doc)] };
}
