/**
 * BibLaTeX: its richer types (`@report`, `@thesis`, `@online`, `entrysubtype` for magazines and newspapers) and
 * fields (`date`, `location`, `journaltitle`, `pagetotal`, `langid`), in UTF-8 as biber reads it.
 * Reading is shared with BibTeX (bibtex.ts): a .bib file does not say which dialect it is.
 */
import type { LibraryRecord } from '../model';
import { bibEntryFields, serializeBibEntry } from './bib-fields';
import { citationKeys } from './csl';
import type { ExportFormat } from './format';

/** Formats records as a BibLaTeX file body (`''` for none). */
export function formatBiblatex(records: readonly LibraryRecord[]): string {
  const keys = citationKeys(records);
  return records.map((record, i) => serializeBibEntry(keys[i]!, bibEntryFields(record.item, 'biblatex'))).join('\n');
}

export const biblatexExport: ExportFormat = {
  label: 'BibLaTeX',
  extension: 'bib',
  mime: 'application/x-bibtex',
  format: formatBiblatex,
  dropped: (item) => bibEntryFields(item, 'biblatex').dropped,
};
