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
import { foldText, type LibraryRecord } from '../model';
import { citationKeys, toCslItems, type CslExportItem } from './csl';
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
 * `onProgress` is told as records are registered and as entries are rendered (see `formatBibliographyPart`).
 */
export function formatBibliographyTextAndHtml(
  records: readonly LibraryRecord[],
  { style = 'apa', html = true, onProgress }: { style?: StyleName; html?: boolean; onProgress?: BibliographyProgress } = {},
): { text: string; html: string } {
  if (records.length === 0) return { text: '', html: '' };
  const part = formatBibliographyPart(toCslItems(records), { style, html, ...(onProgress ? { onProgress } : {}) });
  return joinBibliographyParts([part], style);
}

/** One entry of a bibliography part: its record's place in the whole export, citeproc's sort keys, and its renderings. */
export interface BibliographyEntry {
  index: number;
  sortkeys: (string | undefined)[];
  text: string;
  /** '' when the part was rendered without HTML. */
  html: string;
}

/** A bibliography of some of an export's records, sorted and disambiguated among themselves, to be joined with the others. */
export interface BibliographyPart {
  entries: BibliographyEntry[];
  /** What goes before and after the entries, per output (the same in every part of a style). */
  frame: { text: [string, string]; html: [string, string] };
}

/**
 * Formats some of an export's items (`indices`: their places in the whole export, which break ties in the
 * style's order as citeproc's registration order does). Citeproc sorts and disambiguates the items among
 * themselves; `planBibliographyParts` keeps together whatever could affect another's entry.
 *
 * `onProgress` is told as records are registered and as entries are rendered, through the hooks citeproc and
 * plugin-csl give an application: `sys.retrieveItem` (citeproc reads each record once as it registers it) and
 * `sys.wrapBibliographyEntry` (plugin-csl's own hook behind its `prepend`/`append` options, here adding nothing).
 * Between the last record read and the first entry rendered (sorting, disambiguation) it is not told anything.
 */
export function formatBibliographyPart(
  items: readonly CslExportItem[],
  { style = 'apa', html: withHtml = true, indices = items.map((_, k) => k), onProgress }: { style?: StyleName; html?: boolean; indices?: readonly number[]; onProgress?: BibliographyProgress },
): BibliographyPart {
  const engine = plugins.config.get('@csl').engine(items, STYLES[style].template, undefined, withHtml ? 'html' : 'text');
  const n = items.length;
  const total = n * (withHtml ? 3 : 2);
  let done = 0;
  const tick = onProgress ? () => done < total && onProgress(++done, total) : undefined;
  const retrieve = engine.sys.retrieveItem;
  let read = 0;
  if (tick) engine.sys.retrieveItem = (id) => (read < n && (read++, tick()), retrieve(id));
  try {
    engine.updateItems(items.map((item) => item.id));
    done = n;
    if (tick) engine.sys.wrapBibliographyEntry = () => (tick(), ['', '']);
    const render = (format: OutputKind) => {
      engine.setOutputFormat(format);
      const [{ bibstart, bibend, entry_ids }, entries] = engine.makeBibliography();
      return { frame: [bibstart, bibend] as [string, string], entries, ids: entry_ids.map((ids) => ids[0]!) };
    };
    const html = withHtml ? render('html') : undefined;
    const text = render('text');
    const place = new Map(items.map((item, k) => [item.id, indices[k]!]));
    return {
      frame: { text: text.frame, html: html?.frame ?? ['', ''] },
      entries: text.ids.map((id, k) => ({
        index: place.get(id)!,
        sortkeys: engine.registry.registry[id]?.sortkeys ?? [],
        text: text.entries[k]!,
        // As plugin-csl does: each HTML entry carries its record's id (data-csl-entry-id).
        html: html ? html.entries[k]!.replace(/^\s*<[a-z]+/i, `$& data-csl-entry-id="${id}"`) : '',
      })),
    };
  } finally {
    engine.sys.retrieveItem = retrieve;
    engine.sys.wrapBibliographyEntry = undefined;
  }
}

/**
 * The parts' entries in the style's order, as one bibliography: a merge by citeproc's own comparison of sort keys
 * (ties by place in the export, as citeproc breaks them), keeping each part's own order.
 */
export function joinBibliographyParts(parts: readonly BibliographyPart[], style: StyleName = 'apa'): { text: string; html: string } {
  const first = parts.find((p) => p.entries.length);
  if (!first) return { text: '', html: '' };
  let entries = first.entries;
  const live = parts.filter((p) => p.entries.length);
  if (live.length > 1) {
    // The engine's comparator holds no records: asking for it after the parts are rendered is safe.
    const { compareKeys } = plugins.config.get('@csl').engine([], STYLES[style].template, undefined, 'text').registry.sorter;
    const order = (a: BibliographyEntry, b: BibliographyEntry) => compareKeys({ sortkeys: a.sortkeys, seq: a.index }, { sortkeys: b.sortkeys, seq: b.index });
    const heads = live.map(() => 0);
    entries = [];
    for (;;) {
      let best = -1;
      live.forEach((part, p) => {
        const head = part.entries[heads[p]!];
        if (head && (best < 0 || order(head, live[best]!.entries[heads[best]!]!) < 0)) best = p;
      });
      if (best < 0) break;
      entries.push(live[best]!.entries[heads[best]!++]!);
    }
  }
  const join = (output: OutputKind) => first.frame[output][0] + entries.map((e) => e[output]).join('') + first.frame[output][1];
  return { text: join('text'), html: entries[0]!.html ? join('html') : '' };
}

/**
 * Whether a style's bibliography can be formatted in parts and joined: it must sort its entries (the join
 * merges by the sort) and must not number them (each part would count from 1). Numeric styles (IEEE,
 * Vancouver) are formatted whole.
 */
export function canFormatInParts(style: StyleName): boolean {
  const xml = plugins.config.get('@csl').styles.get(STYLES[style].template);
  return /<bibliography\b[\s\S]*<sort\b/.test(xml) && !xml.includes('citation-number');
}

/**
 * Splits an export into up to `count` parts of about equal size for formatting side by side (one worker each),
 * or undefined when the style cannot be formatted in parts. All that citeproc compares across entries (year
 * suffixes such as 2017a/2017b, added names or initials, "———" for a repeated author) compares what stands in
 * the author's place, so records that could put the same words there go into the same part:
 * - a record with an author, by its first author's name (family and literal, folded);
 * - a record without one, by every thing the styles put in its place: the first editor, the publisher (APA, for
 *   web pages), the container title (Harvard and Chicago, for articles) and the title's first word;
 * and records linked through any of these are linked together. Each part keeps the export's order. `keys` are the
 * export's citation keys, unique across the parts.
 */
export function planBibliographyParts(records: readonly LibraryRecord[], style: StyleName, count: number): { keys: string[]; parts: number[][] } | undefined {
  if (!canFormatInParts(style) || count < 2) return undefined;
  // Union-find over records: each name-place word links the records that could show it.
  const parent = records.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const holder = new Map<string, number>();
  records.forEach((record, i) => {
    for (const word of nameWords(record)) {
      const other = holder.get(word);
      if (other === undefined) holder.set(word, i);
      else parent[root(i)] = root(other);
    }
  });
  const groups = new Map<number, number[]>();
  records.forEach((_, i) => {
    const r = root(i);
    const group = groups.get(r);
    if (group) group.push(i);
    else groups.set(r, [i]);
  });
  const parts: number[][] = Array.from({ length: count }, () => []);
  // Largest groups first, each into the smallest part so far.
  for (const group of [...groups.values()].sort((a, b) => b.length - a.length)) {
    parts.reduce((small, part) => (part.length < small.length ? part : small)).push(...group);
  }
  return { keys: citationKeys(records), parts: parts.filter((p) => p.length).map((p) => p.sort((a, b) => a - b)) };
}

/** What could stand in a record's author place, folded (see planBibliographyParts). */
function nameWords({ item }: LibraryRecord): string[] {
  const names = (name: { family?: string | undefined; literal?: string | undefined } | undefined) => (name ? [name.family, name.literal] : []);
  const places = item.author?.length
    ? names(item.author[0])
    : [...names(item.editor?.[0]), item.publisher, item['container-title'], foldText(item.title).split(' ')[0]];
  return [...new Set(places.filter((p): p is string => !!p).map(foldText).filter(Boolean))];
}

/**
 * One in-text citation of `records` together ("(EUROCITIES, 2017; Smith, 2020)"; for a notes style, the note's text;
 * for a numeric style, the numbers).
 */
export function formatCitation(records: readonly LibraryRecord[], { style = 'apa', output = 'text' }: StyleOptions = {}): string {
  if (records.length === 0) return '';
  return plugins.output.format('citation', toCslItems(records), { template: STYLES[style].template, format: output });
}
