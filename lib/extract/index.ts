/**
 * Extraction entry point: `(Document, url) → ExtractResult`. Pure: reads only the DOM it is given.
 * Sources are registered in SOURCES; `merge` combines their proposals per publication.
 */
import type { Candidate, ExtractResult } from '../model';
import { cleanText, LIMITS } from '../model/text';
import { extractAnnouncement } from './announcement';
import { assemble } from './assemble';
import { extractCoins } from './coins';
import { extractJsonLd } from './json-ld';
import { extractListing } from './listing';
import { extractMetaTags } from './meta-tags';
import { DEFAULT_READABILITY_ELEMENT_LIMIT, extractReadability } from './readability';
import { extractRecord } from './record';
import type { Draft, SourceOutput } from './types';

export { assemble };

export interface ExtractOptions {
  /** Pages with more elements than this skip Readability and are read through metadata and visible text. */
  readabilityElementLimit?: number;
}

export interface Source {
  name: string;
  /** `earlier`: what the sources before it proposed. */
  extract(doc: Document, url: string, options: ExtractOptions, earlier: readonly Draft[]): SourceOutput;
  /**
   * Skipped when an earlier source found scholarly metadata (the page is that work, fully described): the
   * prose and page readers can then only add noise, and they are the costliest steps on long articles.
   */
  skipWhenAuthoritative?: boolean;
}

/** Every source, in order of registration. A test checks each one has fixtures. */
export const SOURCES: readonly Source[] = [
  { name: 'meta-tags', extract: (doc, url) => extractMetaTags(doc, url) },
  { name: 'json-ld', extract: (doc, url) => extractJsonLd(doc, url) },
  { name: 'coins', extract: (doc, url) => extractCoins(doc, url) },
  { name: 'record', extract: (doc, url) => extractRecord(doc, url) },
  { name: 'announcement', extract: (doc, url) => extractAnnouncement(doc, url), skipWhenAuthoritative: true },
  // A page with scholarly metadata is that one work: its reference list is never read as a listing.
  { name: 'listing', extract: (doc, url) => extractListing(doc, url), skipWhenAuthoritative: true },
  {
    name: 'readability',
    // It describes the page, so it can only complete a publication that the page itself is (an article an
    // earlier source found); a book announced on the page gains nothing from it.
    extract: (doc, url, o, earlier) =>
      extractReadability(
        doc,
        url,
        o.readabilityElementLimit ?? DEFAULT_READABILITY_ELEMENT_LIMIT,
        // Page fields can only fill what a publication lacks (merge: title, container-title), so it runs only
        // for an article page whose container (the site) no earlier source named.
        earlier.some((d) => d.describes === 'publication' && /^article/.test(d.item.type ?? '') && !d.item['container-title']),
      ),
    skipWhenAuthoritative: true,
  },
];

function safeRun(source: Source, doc: Document, url: string, options: ExtractOptions, notes: string[], earlier: readonly Draft[]): Draft[] {
  try {
    const out = source.extract(doc, url, options, earlier);
    if (out.notes) notes.push(...out.notes);
    return out.drafts;
  } catch {
    // A source that trips over a hostile page must not take the others down.
    notes.push(`The ${source.name} reader could not read this page.`);
    return [];
  }
}

/** Extracts every publication the page describes, in page order (empty when it describes none). */
export function extractPage(doc: Document, url: string, options: ExtractOptions = {}): ExtractResult {
  const notes: string[] = [];
  const drafts: Draft[] = [];
  for (const source of SOURCES) {
    if (source.skipWhenAuthoritative && drafts.some((d) => d.authoritative)) continue;
    drafts.push(...safeRun(source, doc, url, options, notes, drafts));
  }
  let items: Candidate[] = [];
  try {
    items = assemble(drafts, url);
  } catch {
    notes.push('The extracted values could not be combined.');
  }
  let pageTitle = '';
  try {
    pageTitle = cleanText(doc.title ?? '', LIMITS.title);
  } catch {
    pageTitle = '';
  }
  return { url, pageTitle, items, notes: notes.slice(0, 20) };
}
