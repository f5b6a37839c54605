/**
 * Citation formats, one per file, listed here. Load this module with `import()` only when the user exports or
 * imports: the citation library stays out of the popup's first paint. Everything here is pure (records in, text
 * out; text in, validated entries out), so it also runs in a worker or in Node.
 */
import type { LibraryRecord } from '../model';
import { backupExport } from './backup';
import { biblatexExport } from './biblatex';
import { formatBibliography, formatCitation, type OutputKind, type StyleName } from './bibliography';
import { bibtexExport } from './bibtex';
import { cslJsonExport } from './csl-json';
import type { CslField, ExportFormat } from './format';
import { risExport } from './ris';

export { formatBibtex, readBib } from './bibtex';
export { formatBiblatex } from './biblatex';
export { formatRis, readRis } from './ris';
export { formatCslJson, readCslJson } from './csl-json';
export { formatBackup, readBackup, BACKUP_FORMAT, BACKUP_VERSION } from './backup';
export {
  formatBibliography,
  formatBibliographyTextAndHtml,
  formatBibliographyPart,
  joinBibliographyParts,
  planBibliographyParts,
  canFormatInParts,
  formatCitation,
  STYLES,
  STYLE_NAMES,
  type StyleName,
  type OutputKind,
  type BibliographyPart,
  type BibliographyEntry,
} from './bibliography';
export { toCslItems, citationKeys, baseCitationKey, type CslExportItem } from './csl';
export {
  parseImport,
  parseImportBytes,
  readImportChunks,
  decodeImportBytes,
  detectImportFormat,
  MAX_IMPORT_BYTES,
  ImportTooLargeError,
  IMPORT_FORMATS,
  type ImportFormatName,
  type ImportResult,
  type ImportSummary,
  type ImportChunk,
  type ImportedEntry,
  type ImportProblem,
} from './import';
export type { CslField } from './format';

/** File formats, by the name the CLI and the export dialog use. */
export const FILE_FORMATS = {
  bibtex: bibtexExport,
  biblatex: biblatexExport,
  ris: risExport,
  'csl-json': cslJsonExport,
  backup: backupExport,
} as const satisfies Record<string, ExportFormat>;
export type FileFormatName = keyof typeof FILE_FORMATS;

/** Every export: the file formats, plus a formatted bibliography or in-text citation in a style. */
export const FORMATS = {
  ...Object.fromEntries(Object.entries(FILE_FORMATS).map(([name, f]) => [name, { label: f.label, extension: f.extension, mime: f.mime }])),
  bibliography: { label: 'Bibliography', extension: 'txt', mime: 'text/plain' },
  citation: { label: 'In-text citation', extension: 'txt', mime: 'text/plain' },
} as Record<FileFormatName | 'bibliography' | 'citation', { label: string; extension: string; mime: string }>;
export type FormatName = keyof typeof FORMATS;

export interface FormatOptions {
  format: FormatName;
  /** For `bibliography` and `citation`; APA when not given. */
  style?: StyleName;
  /** For `bibliography` and `citation`: plain text or HTML (HTML is `text/html` on the clipboard). */
  output?: OutputKind;
}

/** The one entry point for exports: records → the text of a file, a bibliography or a citation. */
export function formatRecords(records: readonly LibraryRecord[], options: FormatOptions): string {
  const { format, style, output } = options;
  if (format === 'bibliography') return formatBibliography(records, { ...(style ? { style } : {}), ...(output ? { output } : {}) });
  if (format === 'citation') return formatCitation(records, { ...(style ? { style } : {}), ...(output ? { output } : {}) });
  return FILE_FORMATS[format].format(records);
}

/** A field some records have that the format cannot hold: for a short note in the export dialog. */
export interface UnsupportedField {
  field: CslField;
  /** How many of the records have it. */
  records: number;
}

/**
 * Which fields of `records` the format cannot hold (`type` when an item's type is approximated, e.g. a web page
 * as BibTeX `@misc`). Empty for CSL-JSON and backups, which hold everything, and for formatted styles, where
 * each style prints what it prints by design.
 */
export function unsupportedFields(format: FormatName, records: readonly LibraryRecord[]): UnsupportedField[] {
  if (format === 'bibliography' || format === 'citation') return [];
  const counts = new Map<CslField, number>();
  for (const record of records) {
    for (const field of new Set(FILE_FORMATS[format].dropped(record.item))) counts.set(field, (counts.get(field) ?? 0) + 1);
  }
  return [...counts].map(([field, n]) => ({ field, records: n }));
}
