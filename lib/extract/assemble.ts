/**
 * How the drafts of every source become publications: which drafts describe which publication, each group
 * merged field by field. Its own file so that readers of plain text (the selection) use it without pulling in
 * the page-only sources (Readability).
 */
import type { Candidate } from '../model';
import { mergeDrafts, titleSimilarity } from './merge';
import type { Draft } from './types';

const MAX_ITEMS = 500;

/** Decides which drafts describe which publication, and merges each group. */
export function assemble(drafts: Draft[], url: string): Candidate[] {
  // A page with scholarly metadata is that one work; its reference list is not a listing.
  const authoritative = drafts.some((d) => d.authoritative);
  const listing = authoritative ? [] : drafts.filter((d) => d.source === 'listing');
  const coins = drafts.filter((d) => d.source === 'coins');
  if (listing.length >= 2) {
    const out: Candidate[] = [];
    for (const d of listing.sort((a, b) => a.order - b.order).slice(0, MAX_ITEMS)) {
      const group = [d, ...coins.filter((c) => titleSimilarity(c.item.title, d.item.title) >= 0.6)];
      const c = mergeDrafts(group, url);
      if (c) out.push(c);
    }
    return out;
  }
  if (coins.length >= 2) {
    return coins.map((c) => mergeDrafts([c], url)).filter((c): c is Candidate => c !== null).slice(0, MAX_ITEMS);
  }
  const single = drafts.filter((d) => d.source !== 'listing' || listing.length === 1);
  if (!single.some((d) => d.describes === 'publication')) return [];
  const adjusted = single.map((d) => {
    if (!authoritative || d.authoritative || d.describes === 'page') return d;
    // Scholarly metadata describes the work exactly; prose only fills what it leaves out.
    const scale = (c: number) => c * 0.8;
    const fieldConfidence = Object.fromEntries(Object.entries(d.fieldConfidence ?? {}).map(([k, v]) => [k, scale(v)]));
    return { ...d, confidence: scale(d.confidence), fieldConfidence };
  });
  const c = mergeDrafts(adjusted, url);
  return c ? [c] : [];
}

