/**
 * Catalogue records: label/value pairs in tables (`<th>Title:</th><td>…</td>`) or definition lists
 * (`<dt>ISBN</dt><dd>…</dd>`), as library catalogues, thesis services and publishers' book pages print them.
 * Labels are recognised in several languages (English, German, French, Spanish, Croatian, Persian, Japanese).
 */
import { parseDate } from './dates';
import { findIsbns, findIssns } from './identifiers';
import { parseName, parseNameList, parsePerson } from './names';
import { cleanTitle, pageContext } from './announcement';
import { pageText } from './page-text';
import type { Draft, DraftItem, SourceOutput } from './types';

const LABELS: [RegExp, keyof DraftItem | 'awarding' | 'thesis'][] = [
  [/^(?:title|titel|titre|título|titolo|naslov|عنوان\s*اصلي|عنوان)\b/i, 'title'],
  [/^(?:author|authors|autor(?:en|in)?|auteurs?|autore|creator|نام نخستين پديدآور|پديدآور)\b/i, 'author'],
  [/^(?:editors?|herausgeber|hrsg|éditeur scientifique|urednik|urednica)\b/i, 'editor'],
  [/^(?:publisher|verlag|éditeur|editorial|editore|izdavač|نام ناشر|ناشر|出版社)/i, 'publisher'],
  [/^(?:awarding body|awarding institution|institution|university|degree grantor|کسي که مدرک را اعطا کرده)/i, 'awarding'],
  [/^(?:place of publication|place|verlagsort|lieu|mjesto)\b/i, 'publisher-place'],
  [/^(?:date of award|date of publication|publication date|published|date|year|erscheinungsjahr|erscheinungsdatum|année|año|godina|تاریخ نشر|発行年月日|発売日|出版日)/i, 'issued'],
  [/^(?:pages|number of pages|print length|seiten|umfang|pages|páginas|broj stranica|ページ数)/i, 'number-of-pages'],
  [/^(?:isbn)/i, 'ISBN'],
  [/^(?:issn)/i, 'ISSN'],
  [/^(?:doi)\b/i, 'DOI'],
  [/^(?:type|material type|نام عام مواد)/i, 'thesis'],
];

function labelKind(label: string): (typeof LABELS)[number][1] | undefined {
  const l = label.replace(/[:：\s]+$/, '').trim();
  if (!l || l.length > 60) return undefined;
  for (const [re, kind] of LABELS) if (re.test(l)) return kind;
  return undefined;
}

export function extractRecord(doc: Document, _url: string): SourceOutput {
  const pairs: [string, string, number][] = [];
  let n = 0;
  for (const row of doc.querySelectorAll('tr, dt')) {
    if (++n > 400) break;
    let label: Element | null = null;
    let value: Element | null = null;
    if (row.tagName === 'TR') {
      const cells = row.querySelectorAll('th, td');
      if (cells.length !== 2) continue;
      label = cells[0]!;
      value = cells[1]!;
    } else {
      label = row;
      value = row.nextElementSibling?.tagName === 'DD' ? row.nextElementSibling : null;
    }
    if (!label || !value) continue;
    const l = (label.textContent ?? '').replace(/\s+/g, ' ').trim();
    const v = (value.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (l && v && v.length < 600) pairs.push([l, v, n]);
  }
  const item: DraftItem = {};
  let hits = 0;
  let thesis = false;
  let awarding: string | undefined;
  for (const [l, v] of pairs) {
    const kind = labelKind(l);
    if (!kind) continue;
    hits++;
    switch (kind) {
      case 'title':
        item.title ??= v.replace(/\s+:\s+/g, ': ');
        break;
      case 'author':
        item.author ??= v.includes(',') && v.split(',').length === 2 ? [parsePerson(v)].filter((x) => x !== null) : parseNameList(v);
        break;
      case 'editor':
        item.editor ??= parseNameList(v);
        break;
      case 'publisher':
        item.publisher ??= v;
        break;
      case 'awarding':
        awarding ??= v;
        break;
      case 'publisher-place':
        item['publisher-place'] ??= v;
        break;
      case 'issued': {
        const d = parseDate(v);
        if (d) item.issued ??= d;
        break;
      }
      case 'number-of-pages': {
        const m = v.match(/\d{1,5}/);
        if (m) item['number-of-pages'] ??= m[0];
        break;
      }
      case 'ISBN':
        item.ISBN ??= findIsbns(v)[0];
        break;
      case 'ISSN':
        item.ISSN ??= findIssns(`ISSN ${v}`)[0];
        break;
      case 'DOI':
        break;
      case 'thesis':
        if (/thesis|dissertation|پايان/i.test(v)) thesis = true;
        break;
    }
  }
  if (hits < 2) return { drafts: [] };
  if (thesis || awarding) {
    item.type = 'thesis';
    item.publisher ??= awarding;
  }
  const ctx = pageContext(doc);
  const { blocks } = pageText(doc);
  const h1 = blocks.find((b) => b.level === 1) ?? blocks.find((b) => b.level > 0);
  if (!item.title && h1) {
    let t = h1.text;
    // A heading cut at " :" continues in a title-like field (a subtitle).
    if (/\s:$/.test(t)) {
      const sub = pairs.find(([l]) => labelKind(l) === 'title');
      if (sub) t = `${t.replace(/\s*:$/, '')}: ${sub[1]}`;
    }
    item.title = t;
  } else if (item.title && h1 && /\s:$/.test(h1.text) && !item.title.includes(':')) {
    item.title = `${h1.text.replace(/\s*:$/, '')}: ${item.title}`;
  }
  if (!item.title) return { drafts: [] };
  item.title = cleanTitle(item.title, ctx).title;
  // Translators, supervising translators: "Name 著、Name 監訳、Name 訳" → only 著 is the author.
  if (!item.author && h1) {
    const next = blocks[h1.index + 1];
    const m = next?.text.match(/^([^、,]{2,60}?)\s*著/);
    if (m) {
      const a = parseName(m[1]!.replace(/\u3000/g, ' '));
      if (a) item.author = [a];
    }
  }
  if (!item.type) item.type = item.ISBN ? 'book' : 'document';
  const draft: Draft = { source: 'record', describes: 'publication', order: h1?.index ?? 0, confidence: 0.8, item };
  return { drafts: [draft] };
}
