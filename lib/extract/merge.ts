/**
 * Combines the drafts that describe one publication into one candidate: per field, the best-supported value,
 * with its source and confidence kept in `provenance`. Values are cleaned and checked against the record
 * schema field by field, so one bad value never costs the others. Nothing is invented: a field no draft
 * states stays empty.
 */
import { candidateSchema, cleanText, cslItemSchema, LIMITS, type Candidate, type CslItem, type ProvenanceMap } from '../model';
import { isValidIsbn } from './identifiers';
import type { Draft, DraftField, DraftItem, DraftName } from './types';

const FIELDS: DraftField[] = [
  'type', 'title', 'author', 'editor', 'publisher', 'publisher-place', 'issued', 'number-of-pages', 'page', 'container-title',
  'collection-title', 'volume', 'issue', 'edition', 'DOI', 'ISBN', 'ISSN', 'language', 'abstract',
];
/** Fields a page-level draft (og:, Readability, a news JSON-LD) may fill: never dates or people of the page. */
const PAGE_FIELDS = new Set<DraftField>(['title', 'container-title']);

const TYPES = new Set(cslItemSchema.shape.type.options as readonly string[]);

function cleanName(n: DraftName): CslItem['author'] extends (infer T)[] | undefined ? T | null : never {
  const lit = n.literal ? cleanText(n.literal, LIMITS.short) : '';
  if (lit) return { literal: lit };
  const family = n.family ? cleanText(n.family, LIMITS.short) : '';
  const given = n.given ? cleanText(n.given, LIMITS.short) : '';
  if (!family) return null;
  return given ? { family, given } : { family };
}

function cleanValue(field: DraftField, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  switch (field) {
    case 'author':
    case 'editor': {
      if (!Array.isArray(v)) return undefined;
      const names = (v as DraftName[]).map(cleanName).filter((n): n is NonNullable<typeof n> => n !== null).slice(0, 100);
      return names.length ? names : undefined;
    }
    case 'issued': {
      if (!Array.isArray(v) || !v.length) return undefined;
      const parts = (v as number[]).slice(0, 3).filter((x) => Number.isInteger(x));
      return parts.length ? { 'date-parts': [parts] } : undefined;
    }
    case 'number-of-pages': {
      const s = String(v).trim();
      return /^\d{1,6}$/.test(s) && Number(s) > 0 ? String(Number(s)) : undefined;
    }
    case 'ISBN':
      return typeof v === 'string' && isValidIsbn(v) ? cleanText(v, 60) : undefined;
    case 'type':
      return typeof v === 'string' && TYPES.has(v) ? v : undefined;
    default:
      return typeof v === 'string' ? cleanText(v, field === 'abstract' ? LIMITS.long : field === 'title' || field === 'container-title' ? LIMITS.title : LIMITS.short) || undefined : undefined;
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
      confidence = Math.max(0, Math.min(1, confidence));
      if (!best || confidence > best.confidence) best = { value, confidence, source: d.source };
    }
    if (!best) continue;
    // Each field is checked on its own, so one bad value never costs the others.
    const check = (cslItemSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>)[field];
    const parsed = check?.safeParse(best.value);
    if (!parsed?.success) continue;
    item[field] = parsed.data;
    if (field !== 'type') provenance[field as keyof CslItem] = { source: best.source.slice(0, 40), confidence: Math.round(best.confidence * 100) / 100 };
  }
  if (!item['title']) return null;
  item['type'] ??= 'document';
  item['URL'] = url;
  provenance.URL = { source: 'page', confidence: 1 };
  const result = candidateSchema.safeParse({ item, provenance });
  if (result.success) return result.data;
  // Should not happen (fields were checked one by one), but never throw over it.
  const minimal = candidateSchema.safeParse({ item: { type: item['type'], title: item['title'], URL: url }, provenance: { title: provenance.title } });
  return minimal.success ? minimal.data : null;
}

const norm = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

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
