/**
 * Citation formats, one per file. Load this module with `import()` only when the user exports:
 * the citation library stays out of the popup's first paint.
 */
export { formatBibtex } from './bibtex';
export { toCslItems, baseCitationKey } from './csl';

export const FORMATS = {
  bibtex: { label: 'BibTeX', extension: 'bib', mime: 'application/x-bibtex' },
} as const;
export type FormatName = keyof typeof FORMATS;
