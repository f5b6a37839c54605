/**
 * The export choices by name and label only, with no formatter imported: the popup lists them on first paint
 * and loads the citation code only when the user exports. A test keeps this list in step with `FORMATS`/`STYLES`.
 */
export const FILE_FORMAT_CHOICES = [
  { format: 'bibtex', label: 'BibTeX', extension: 'bib', mime: 'application/x-bibtex' },
  { format: 'biblatex', label: 'BibLaTeX', extension: 'bib', mime: 'application/x-bibtex' },
  { format: 'ris', label: 'RIS (EndNote, Zotero, Mendeley)', extension: 'ris', mime: 'application/x-research-info-systems' },
  { format: 'csl-json', label: 'CSL-JSON', extension: 'json', mime: 'application/vnd.citationstyles.csl+json' },
  { format: 'backup', label: 'Colophon backup (with tags and notes)', extension: 'json', mime: 'application/json' },
] as const;

export const STYLE_CHOICES = [
  { style: 'apa', label: 'APA 7' },
  { style: 'chicago-author-date', label: 'Chicago (author-date)' },
  { style: 'chicago-note', label: 'Chicago (notes and bibliography)' },
  { style: 'mla', label: 'MLA 9' },
  { style: 'harvard', label: 'Harvard' },
  { style: 'ieee', label: 'IEEE' },
  { style: 'vancouver', label: 'Vancouver' },
] as const;

export type FileFormatChoice = (typeof FILE_FORMAT_CHOICES)[number]['format'];
export type StyleChoice = (typeof STYLE_CHOICES)[number]['style'];

/** Import files above this size are refused before they are read (the importer checks it again). */
export const MAX_IMPORT_MB = 50;
