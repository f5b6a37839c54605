/**
 * BibTeX: classic entry types and fields, ASCII with LaTeX accent commands, every special character escaped
 * (see latex.ts and bib-fields.ts for the mapping and why). Reading accepts BibTeX and BibLaTeX alike.
 */
import type { LibraryRecord } from '../model';
import { bibEntryFields, cslFromBibEntry, serializeBibEntry } from './bib-fields';
import { parseBib } from './bib-parse';
import { citationKeys } from './csl';
import type { ExportFormat, ImportFormat, ReadResult } from './format';

/** Formats records as a BibTeX file body (`''` for none). */
export function formatBibtex(records: readonly LibraryRecord[]): string {
  const keys = citationKeys(records);
  return records.map((record, i) => serializeBibEntry(keys[i]!, bibEntryFields(record.item, 'bibtex'))).join('\n');
}

/** Reads a .bib file (BibTeX or BibLaTeX) into CSL item candidates, with the line of each entry. */
export function readBib(text: string): ReadResult {
  const { entries, errors, warnings } = parseBib(text);
  // Converted as they are taken: the conversion is most of reading a large file. An entry that cannot be converted
  // is refused on its own, with its line, as one that cannot be parsed is.
  function* converted() {
    for (const e of entries) {
      let candidate: unknown;
      try {
        candidate = cslFromBibEntry(e);
      } catch (error) {
        errors.push({ line: e.line, key: e.key, reason: `could not be read: ${error instanceof Error ? error.message : String(error)}` });
        continue;
      }
      yield { line: e.line, key: e.key, candidate };
    }
  }
  return { entries: converted(), count: entries.length, errors, warnings };
}

export const bibtexExport: ExportFormat = {
  label: 'BibTeX',
  extension: 'bib',
  mime: 'application/x-bibtex',
  format: formatBibtex,
  dropped: (item) => bibEntryFields(item, 'bibtex').dropped,
};

export const bibImport: ImportFormat = {
  label: 'BibTeX/BibLaTeX',
  read: readBib,
};
