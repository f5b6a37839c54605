/**
 * Extraction entry point: `(Document, url) → ExtractResult`. Pure: reads only the DOM it is given.
 * Sources are registered in SOURCES; `merge` combines their proposals per publication.
 */
import type { ExtractResult } from '../model';

export interface ExtractOptions {
  /** Pages with more elements than this skip Readability and are read through metadata and visible text. */
  readabilityElementLimit?: number;
}

/** Extracts every publication the page describes, in page order (empty when it describes none). */
export function extractPage(doc: Document, url: string, _options: ExtractOptions = {}): ExtractResult {
  const heading = doc.querySelector('main h1, article h1, h1')?.textContent?.trim();
  const title = heading || doc.title.trim();
  return {
    url,
    pageTitle: doc.title,
    items: title ? [{ item: { type: 'webpage', title, URL: url }, provenance: { title: { source: 'heading', confidence: 0.5 } } }] : [],
    notes: [],
  };
}
