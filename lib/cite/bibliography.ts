/**
 * Formatted references: bibliography entries and in-text citations in the supported styles, as plain text or
 * HTML (italics kept when pasted into a word processor), through citeproc-js inside @citation-js/plugin-csl.
 *
 * Styles ship with the code, nothing is fetched: APA 7, Vancouver and Cite Them Right (Harvard) are the CSL files
 * bundled in @citation-js/plugin-csl 0.8.2; Chicago (author-date and notes-bibliography), MLA 9 and IEEE are the
 * official CSL files in ./styles (see ./styles/README.md). All are en-US or undeclared, and plugin-csl ships the
 * en-US locale.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { LibraryRecord } from '../model';
import { toCslItems } from './csl';
import chicagoAuthorDate from './styles/chicago-author-date';
import chicagoNote from './styles/chicago-note-bibliography';
import ieee from './styles/ieee';
import mla from './styles/modern-language-association';

/** The styles offered, by the name the CLI and the UI use. `template` is citation-js's name for it. */
export const STYLES = {
  apa: { label: 'APA 7th edition', template: 'apa' },
  'chicago-author-date': { label: 'Chicago 17th edition (author-date)', template: 'colophon-chicago-author-date', xml: chicagoAuthorDate },
  'chicago-note': { label: 'Chicago 17th edition (notes and bibliography)', template: 'colophon-chicago-note-bibliography', xml: chicagoNote },
  mla: { label: 'MLA 9th edition', template: 'colophon-modern-language-association', xml: mla },
  harvard: { label: 'Harvard (Cite Them Right 12th edition)', template: 'harvard1' },
  ieee: { label: 'IEEE', template: 'colophon-ieee', xml: ieee },
  vancouver: { label: 'Vancouver (NLM Citing Medicine)', template: 'vancouver' },
} as const satisfies Record<string, { label: string; template: string; xml?: string }>;
export type StyleName = keyof typeof STYLES;
export const STYLE_NAMES = Object.keys(STYLES) as StyleName[];
export type OutputKind = 'text' | 'html';

const styles = plugins.config.get('@csl').styles;
for (const style of Object.values(STYLES)) {
  if ('xml' in style && !styles.has(style.template)) styles.add(style.template, style.xml);
}

export interface StyleOptions {
  style?: StyleName;
  output?: OutputKind;
}

/** The bibliography (reference list) of `records` in a style, sorted as the style sorts it. */
export function formatBibliography(records: readonly LibraryRecord[], { style = 'apa', output = 'text' }: StyleOptions = {}): string {
  if (records.length === 0) return '';
  return plugins.output.format('bibliography', toCslItems(records), { template: STYLES[style].template, format: output });
}

/** How far a bibliography has come: `done` of `total` steps (each record registered, then rendered once per output). */
export type BibliographyProgress = (done: number, total: number) => void;

/**
 * The bibliography as text and as HTML from one citeproc run: the items are registered (sorted, disambiguated)
 * once and rendered twice, instead of the whole work twice; the export dialog needs both for rich-text copy.
 * The same output as `formatBibliography` with each output (a test holds them equal). `html: false` renders the
 * text only (a download needs no HTML: a third of the time saved).
 *
 * `onProgress` is told as records are registered and as entries are rendered, through the hooks citeproc and
 * plugin-csl give an application: `sys.retrieveItem` (citeproc reads each record once as it registers it) and
 * `sys.wrapBibliographyEntry` (plugin-csl's own hook behind its `prepend`/`append` options, here adding nothing).
 * The whole list is still registered at once, so sorting and disambiguation see every record. Between the last
 * record read and the first entry rendered (sorting, disambiguation) it is not told anything.
 */
export function formatBibliographyTextAndHtml(
  records: readonly LibraryRecord[],
  { style = 'apa', html: withHtml = true, onProgress }: { style?: StyleName; html?: boolean; onProgress?: BibliographyProgress } = {},
): { text: string; html: string } {
  if (records.length === 0) return { text: '', html: '' };
  const items = toCslItems(records);
  const engine = plugins.config.get('@csl').engine(items, STYLES[style].template, undefined, withHtml ? 'html' : 'text');
  const n = items.length;
  const total = n * (withHtml ? 3 : 2);
  let done = 0;
  const tick = onProgress ? () => done < total && onProgress(++done, total) : undefined;
  const retrieve = engine.sys.retrieveItem;
  let read = 0;
  if (tick) engine.sys.retrieveItem = (id) => (read < n && (read++, tick()), retrieve(id));
  try {
    const sortedIds = engine.updateItems(items.map((item) => item.id));
    done = n;
    if (tick) engine.sys.wrapBibliographyEntry = () => (tick(), ['', '']);
    const render = (format: OutputKind) => {
      engine.setOutputFormat(format);
      const [{ bibstart, bibend }, entries] = engine.makeBibliography();
      // As plugin-csl does: each HTML entry carries its record's id (data-csl-entry-id).
      return bibstart + entries.map((entry, k) => entry.replace(/^\s*<[a-z]+/i, `$& data-csl-entry-id="${sortedIds[k]}"`)).join('') + bibend;
    };
    const html = withHtml ? render('html') : '';
    return { text: render('text'), html };
  } finally {
    engine.sys.retrieveItem = retrieve;
    engine.sys.wrapBibliographyEntry = undefined;
  }
}

/**
 * One in-text citation of `records` together ("(EUROCITIES, 2017; Smith, 2020)"; for a notes style, the note's text;
 * for a numeric style, the numbers).
 */
export function formatCitation(records: readonly LibraryRecord[], { style = 'apa', output = 'text' }: StyleOptions = {}): string {
  if (records.length === 0) return '';
  return plugins.output.format('citation', toCslItems(records), { template: STYLES[style].template, format: output });
}
