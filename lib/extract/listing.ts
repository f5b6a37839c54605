/**
 * Listings: a page that presents several publications yields one draft per publication, in page order.
 * (Filled in below.)
 */
import type { SourceOutput } from './types';

export function extractListing(_doc: Document, _url: string): SourceOutput {
  return { drafts: [] };
}
