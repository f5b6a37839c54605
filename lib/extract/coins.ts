/**
 * COinS (`<span class="Z3988" title="ctx_ver=Z39.88-2004&rft.btitle=…">`): URL-encoded OpenURL ContextObjects,
 * one per publication, so a page with several yields several drafts in page order.
 * Spec: https://web.archive.org/web/2014/http://ocoins.info/
 */
import { parseDate } from './dates';
import { cleanDoi, isValidIsbn, isValidIssn } from './identifiers';
import { parseName, parsePerson } from './names';
import type { Draft, DraftItem, DraftName, SourceOutput } from './types';

const MAX_COINS = 200;

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function parseCoins(title: string): DraftItem | null {
  const kv = new Map<string, string[]>();
  for (const pair of title.slice(0, 20000).split('&')) {
    const i = pair.indexOf('=');
    if (i <= 0) continue;
    const k = decode(pair.slice(0, i)).toLowerCase();
    const v = decode(pair.slice(i + 1)).trim();
    if (!v) continue;
    const list = kv.get(k) ?? [];
    if (list.length < 200) list.push(v);
    kv.set(k, list);
  }
  const get = (k: string) => kv.get(k)?.[0];
  const genre = (get('rft.genre') ?? '').toLowerCase();
  const format = (get('rft_val_fmt') ?? '').toLowerCase();
  const isBook = /book/.test(format) || /book|report/.test(genre);
  const item: DraftItem = {};
  const title2 = get('rft.atitle') ?? get('rft.btitle') ?? get('rft.title') ?? get('rft.jtitle');
  if (!title2) return null;
  item.title = title2;
  if (get('rft.atitle') && (get('rft.jtitle') ?? get('rft.title'))) item['container-title'] = get('rft.jtitle') ?? get('rft.title');
  const authors: DraftName[] = [];
  for (const a of kv.get('rft.au') ?? []) {
    const n = a.includes(',') ? parsePerson(a) : parseName(a);
    if (n) authors.push(n);
  }
  const last = get('rft.aulast');
  if (!authors.length && last) authors.push(get('rft.aufirst') ? { family: last, given: get('rft.aufirst') } : { family: last });
  const corp = get('rft.aucorp');
  if (corp) authors.push({ literal: corp });
  if (authors.length) item.author = authors;
  const date = parseDate(get('rft.date') ?? '');
  if (date) item.issued = date;
  if (get('rft.pub')) item.publisher = get('rft.pub');
  if (get('rft.place')) item['publisher-place'] = get('rft.place');
  const isbn = get('rft.isbn');
  if (isbn && isValidIsbn(isbn)) item.ISBN = isbn;
  const issn = get('rft.issn') ?? get('rft.eissn');
  if (issn && isValidIssn(issn)) item.ISSN = issn;
  if (get('rft.volume')) item.volume = get('rft.volume');
  if (get('rft.issue')) item.issue = get('rft.issue');
  const tpages = get('rft.tpages');
  if (tpages && /^\d{1,5}$/.test(tpages)) item['number-of-pages'] = tpages;
  const pages = get('rft.pages') ?? (get('rft.spage') ? [get('rft.spage'), get('rft.epage')].filter(Boolean).join('-') : undefined);
  if (pages) item.page = pages;
  for (const id of kv.get('rft_id') ?? []) {
    const doi = /10\.\d{4,9}\//.test(id) ? cleanDoi(id) : null;
    if (doi && !item.DOI) item.DOI = doi;
  }
  if (genre === 'issue' || genre === 'journal') item.type = 'periodical';
  else if (genre === 'report') item.type = 'report';
  else if (isBook) item.type = genre === 'bookitem' ? 'chapter' : 'book';
  else if (genre === 'article' || get('rft.atitle')) item.type = 'article-journal';
  return item;
}

export function extractCoins(doc: Document, _url: string): SourceOutput {
  const drafts: Draft[] = [];
  const spans = doc.querySelectorAll('span.Z3988, .Z3988');
  let order = 0;
  for (const span of spans) {
    if (drafts.length >= MAX_COINS) break;
    const item = parseCoins(span.getAttribute('title') ?? '');
    order++;
    if (item) drafts.push({ source: 'coins', describes: 'publication', order, confidence: 0.8, item, authoritative: spans.length === 1 });
  }
  return { drafts };
}
