/**
 * Selected text: what the user marked on a page when the page reader missed a publication ("Save selection
 * as publication"). The text is cut into blocks the way page-text cuts a page — one per line, a title-like
 * first line as a heading — and read by the same announcement and listing readers, so a selection gets every
 * rule the page reader has (imprint lines, "edited by", page words and months in several languages). Pure:
 * no DOM is needed, so it runs in the background service worker, which has none.
 */
import { MAX_SELECTION_CHARS, type Candidate, type ExtractResult } from '../model';
import { cleanText, LIMITS } from '../model/text';
import { announcementDrafts, type PageContext } from './announcement';
import { isImprintLine } from './imprint';
import { assemble } from './assemble';
import { listingDrafts, parseCitation } from './listing';
import type { Block } from './page-text';

/** What is known about the page the text was selected on. */
export interface TextContext {
  url: string;
  /** og:site_name, or the host: used to strip the site's name from titles, as on pages. */
  siteName?: string;
  /** The page's language (`<html lang>`): given to the publications that state none. */
  language?: string;
  /** The page's `<title>`. */
  pageTitle?: string;
}

const MAX_LINES = 400;

/** A first line that reads as a title: short, not a sentence, not itself a bibliographic line. */
function titleLike(line: string): boolean {
  if (line.length < 3 || line.length > 250) return false;
  if (/[.;,]$/.test(line) && !/\b(?:[A-Z]|[A-Z][a-z]{0,3})\.$/.test(line)) return false;
  if (/\b(?:19|20)\d\d\b.*\b(?:pp?\.|pages|Seiten|stranica|str\.)/i.test(line)) return false;
  return !isImprintLine(line);
}

/** The selection's lines, in entries where blank lines separate them (whitespace collapsed, capped). */
function entries(text: string): string[][] {
  let budget = MAX_LINES;
  return text
    .slice(0, MAX_SELECTION_CHARS)
    .replace(/\r\n?/g, '\n')
    .split(/\n[^\S\n]*\n\s*/)
    .map((g) =>
      g
        .split('\n')
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 0)
    .map((g) => {
      const kept = g.slice(0, Math.max(0, budget));
      budget -= kept.length;
      return kept;
    })
    .filter((g) => g.length > 0);
}

/**
 * The selection as blocks. The first line becomes a heading when it reads as a title; when blank lines split
 * the selection into several entries that each start with a title-like line, each such line is a heading of
 * its own (a listing of headed entries). `lines: true` gives every line its own block (a reference list, one
 * entry a line); otherwise the lines under a heading stay one block with their line breaks, as a `<br>`-broken
 * paragraph is read on a page ("Edited by …" over "Publisher, Place, Year").
 */
export function textBlocks(text: string, { lines = false }: { lines?: boolean } = {}): Block[] {
  const groups = entries(text);
  const headed = groups.length >= 2 && groups.every((g) => g.length >= 2 && titleLike(g[0]!));
  const several = groups.flat().length > 1;
  const blocks: Block[] = [];
  const push = (text: string, level: number) => blocks.push({ index: blocks.length, tag: level ? `H${level}` : 'P', level, text, emphasis: [], hint: '' });
  groups.forEach((group, gi) => {
    const level = headed ? 2 : gi === 0 && several && titleLike(group[0]!) ? 1 : 0;
    const body = level ? group.slice(1) : group;
    if (level) push(group[0]!, level);
    if (lines) body.forEach((line) => push(line, 0));
    else if (body.length) push(body.join('\n'), 0);
  });
  return blocks;
}

/**
 * Reads the publications a selected text describes, with the page's context. Always offers something: when
 * the readers find no publication, the first line is offered as the title of a document for the user to
 * complete (they selected the text because they want it saved), with a note saying so.
 */
export function extractFromText(text: string, context: TextContext): ExtractResult {
  const url = context.url.trim().slice(0, LIMITS.url);
  const blocks = textBlocks(text);
  const lineBlocks = textBlocks(text, { lines: true });
  const ctx: PageContext = { ...(context.siteName ? { siteName: context.siteName } : {}), ...(context.pageTitle ? { docTitle: context.pageTitle } : {}) };
  const notes: string[] = [];
  let items: Candidate[] = [];
  try {
    items = assemble([...announcementDrafts(blocks, ctx).drafts, ...listingDrafts(lineBlocks).drafts], url);
    if (!items.length && lineBlocks.length <= 2) {
      // One reference on its own ("Name (2004) Title. Place: Publisher, 180 pp."): the reference-list reader.
      const joined: Block = { index: 0, tag: 'P', level: 0, text: lineBlocks.map((b) => b.text).join(' '), emphasis: [], hint: '' };
      const cited = parseCitation(joined);
      if (cited) items = assemble([{ source: 'listing', describes: 'publication', order: 0, confidence: 0.7, item: cited }], url);
    }
  } catch {
    notes.push('The selected text could not be read in full.');
  }
  if (!items.length && lineBlocks.length) {
    const title = cleanText(lineBlocks[0]!.text, LIMITS.title);
    items = assemble([{ source: 'selection', describes: 'publication', order: 0, confidence: 0.3, item: { title, type: 'document' } }], url);
    if (items.length) notes.push('No bibliographic details were recognised in the selection: its first line is offered as the title.');
  }
  // Every value was read from what the user selected: say so, whichever reader found it.
  items = items.map((c) => ({
    item: c.item,
    provenance: Object.fromEntries(Object.entries(c.provenance).map(([field, p]) => [field, p && p.source !== 'page' ? { ...p, source: 'selection' } : p])),
  }));
  const language = context.language && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(context.language) ? context.language : undefined;
  if (language) {
    items = items.map((c) => (c.item.language ? c : { item: { ...c.item, language }, provenance: { ...c.provenance, language: { source: 'page', confidence: 0.5 } } }));
  }
  return { url, pageTitle: cleanText(context.pageTitle ?? '', LIMITS.title), items, notes };
}
