/**
 * BibTeX through citation-js (@citation-js/plugin-bibtex): it escapes every special character and writes
 * organisations in double braces, so no exported text can inject LaTeX commands.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { LibraryRecord } from '../model';
import { toCslItems } from './csl';

/** Formats records as a BibTeX file body. */
export function formatBibtex(records: readonly LibraryRecord[]): string {
  if (records.length === 0) return '';
  return new Cite(toCslItems(records)).format('bibtex', { format: 'text' }) as string;
}
