/**
 * Combines the drafts that describe one publication into one candidate: per field, the best-supported value,
 * with its source and confidence kept in `provenance`. Values are cleaned and checked against the record
 * schema field by field, so one bad value never costs the others. Nothing is invented: a field no draft
 * states stays empty.
 */
// Plain checks, not the zod schemas: this file runs inside every page the user clips, and zod (half the
// content script, plus its schema compilation on each run) cost more than the extraction itself. The
// background still parses the result with the schemas; a test checks these checks agree with them.
import type { Candidate, CslItem, ProvenanceMap } from '../model';
import { cleanText, foldText, isWebUrl, LIMITS } from '../model/text';
import { isValidIsbn } from './identifiers';
import type { Draft, DraftField, DraftItem, DraftName } from './types';

const FIELDS: DraftField[] = [
  'type', 'title', 'author', 'editor', 'publisher', 'publisher-place', 'issued', 'number-of-pages', 'page', 'container-title',
  'collection-title', 'volume', 'issue', 'edition', 'DOI', 'ISBN', 'ISSN', 'language', 'abstract',
];
/** Fields a page-level draft (og:, Readability, a news JSON-LD) may fill: never dates or people of the page. */
const PAGE_FIELDS = new Set<DraftField>(['title', 'container-title']);

/** The record schema's item types (lib/model ITEM_TYPES; a test keeps the two lists equal). */
export const EXTRACT_ITEM_TYPES: readonly string[] = [
  'book', 'chapter', 'report', 'pamphlet', 'article-journal', 'article-magazine', 'article-newspaper', 'article', 'thesis',
  'periodical', 'paper-conference', 'webpage', 'document',
];
const TYPES = new Set(EXTRACT_ITEM_TYPES);

/** Length caps of the record schema, per text field. */
const MAX: Partial<Record<DraftField, number>> = {
  title: LIMITS.title, 'container-title': LIMITS.title, 'collection-title': LIMITS.title, abstract: LIMITS.long,
  page: 40, volume: 40, issue: 40, edition: 40, ISBN: 60, ISSN: 60,
};

type CslName = NonNullable<CslItem['author']>[number];

function cleanName(n: DraftName): CslName | null {
  const lit = typeof n.literal === 'string' ? cleanText(n.literal, LIMITS.short) : '';
  if (lit) return { literal: lit };
  const family = typeof n.family === 'string' ? cleanText(n.family, LIMITS.short) : '';
  const given = typeof n.given === 'string' ? cleanText(n.given, LIMITS.short) : '';
  if (!family) return null;
  return given ? { family, given } : { family };
}

const inRange = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

/** A value as the record schema would keep it, or undefined when the schema would refuse it. */
function cleanValue(field: DraftField, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (field) {
    case 'author':
    case 'editor': {
      if (!Array.isArray(v)) return undefined;
      const names = (v as DraftName[]).filter((n) => n && typeof n === 'object').map(cleanName).filter((n): n is CslName => n !== null).slice(0, 100);
      return names.length ? names : undefined;
    }
    case 'issued': {
      if (!Array.isArray(v) || !v.length) return undefined;
      const [y, m, d] = v as unknown[];
      if (!inRange(y, -9999, 9999)) return undefined;
      const parts: number[] = [y];
      if (inRange(m, 1, 12)) {
        parts.push(m);
        if (inRange(d, 1, 31)) parts.push(d);
      }
      return { 'date-parts': [parts] };
    }
    case 'number-of-pages': {
      if (typeof v !== 'string' && typeof v !== 'number') return undefined;
      const s = String(v).trim();
      return /^\d{1,6}$/.test(s) && Number(s) > 0 ? String(Number(s)) : undefined;
    }
    case 'ISBN':
      return typeof v === 'string' && isValidIsbn(v) ? cleanText(v, 60) || undefined : undefined;
    case 'type':
      return typeof v === 'string' && TYPES.has(v) ? v : undefined;
    case 'DOI': {
      const s = typeof v === 'string' ? v.trim() : '';
      return /^10\.\d{4,9}\/\S{1,300}$/.test(s) ? s : undefined;
    }
    case 'language':
      return typeof v === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v) ? v : undefined;
    default:
      return typeof v === 'string' ? cleanText(v, MAX[field] ?? LIMITS.short) || undefined : undefined;
  }
}

/** Merges the drafts of one publication. Returns null when no usable title remains. */
export function mergeDrafts(drafts: Draft[], url: string): Candidate | null {
  const item: Record<string, unknown> = {};
  const provenance: ProvenanceMap = {};
  const hasPublication = drafts.some((d) => d.describes === 'publication');
  for (const field of FIELDS) {
    let best: { value: unknown; confidence: number; source: string } | null = null;
    for (const d of drafts) {
      if (d.describes === 'page' && hasPublication && !PAGE_FIELDS.has(field)) continue;
      const raw = d.item[field];
      if (raw === undefined) continue;
      const value = cleanValue(field, raw);
      if (value === undefined) continue;
      let confidence = d.fieldConfidence?.[field] ?? d.confidence;
      if (d.describes === 'page') confidence *= 0.5;
      confidence = Number.isFinite(confidence) ? Math.max(0, Math.min(1, confidence)) : 0;
      if (!best || confidence > best.confidence) best = { value, confidence, source: d.source };
    }
    if (!best) continue;
    item[field] = best.value;
    if (field !== 'type') provenance[field as keyof CslItem] = { source: best.source.slice(0, 40), confidence: Math.round(best.confidence * 100) / 100 };
  }
  if (!item['title']) return null;
  item['type'] ??= 'document';
  const pageUrl = url.trim().slice(0, LIMITS.url);
  if (isWebUrl(pageUrl)) {
    item['URL'] = pageUrl;
    provenance.URL = { source: 'page', confidence: 1 };
  }
  return { item: item as CslItem, provenance };
}

const norm = foldText;

/** Word-overlap similarity of two titles (0–1). */
export function titleSimilarity(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0;
  const ta = new Set(norm(a).split(' ').filter(Boolean));
  const tb = new Set(norm(b).split(' ').filter(Boolean));
  if (!ta.size || !tb.size) return 0;
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  return inter / (ta.size + tb.size - inter);
}

export type { DraftItem };
