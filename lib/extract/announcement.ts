/**
 * Announcement text: a publication presented in the page's own words. A title (a heading followed by a
 * bibliographic line, a quoted or emphasised title introduced by "entitled"/"the book"/"knjigu"…, or the
 * page's heading with the news wording taken off) plus what the prose states about it (publisher, editors,
 * authors, date, pages, ISBN). Years that are not publication years (news dates, founding, events, years
 * inside titles) are never taken: a date is only read from an imprint or from a "published on" phrase.
 */
import { authorCue, dateCue, editorCue, NON_PUB_NOUN, PUB_NOUN, publisherCue, quotedSpans, TITLED_CUE } from './cues';
import { foldText } from '../model/text';
import { isImprintLine, isKnownPlace, parseImprint, type Imprint } from './imprint';
import { findDois, labelledIsbns } from './identifiers';
import { readMeta, siteName } from './meta-tags';
import { MONTH_PATTERN, parseDate } from './dates';
import { isOrganisation, parseName, parseNameList } from './names';
import { pageText, type Block } from './page-text';
import type { Draft, DraftItem, DraftName, SourceOutput } from './types';

export interface PageContext {
  siteName?: string;
  ogTitle?: string;
  docTitle?: string;
  ogType?: string;
}

const NEWS_PREFIX =
  /^(?:(?:book\s+)?launch(?:ed)?\s+of|book launch|new publication|new book|new report|now available|just published|announcement|publication|neuerscheinung|buchvorstellung|rezension|buchrezension|review|recension|nouveauté|parution|novedad|nova knjiga|promocija(?:\s+(?:knjige|monografije|zbornika))?|predstavljanje(?:\s+knjige)?|presentation of|handbook editors q&a|q&a|interview)\s*[:\-–—]?\s+/i;
const NEWS_SUFFIX = /\s+(?:presented|published|released|launched|is out|out now|now available|predstavljen[aoi]?|objavljen[aoi]?|erschienen|vorgestellt|paru|publié)\s*[.!]?$/i;
const NEWS_VERBS = /\b(?:releases?|launch(?:es|ed)?|spotlighting|announces?|presents?|marks|hosts?|celebrates?|new issue of|call for|calls for|welcomes?|opens?|wins?|awarded)\b/i;
const GENERIC_HEADING =
  /^(?:announcement of new publication|new publications?|publications?(?: and studies)?|news|latest news|books?(?: & journals)?|library|resources|events|documentation centre|abstract|contents?|introduction|thesis details|record|details|comments?|related|share|archive|blog|home|about(?: this site)?|menu)$/i;
export const NO_PUBLICATION = /\b(?:call for (?:chapter|paper|proposal|contribution|submission|abstract|article)s?(?: proposals?)?|appel à (?:contributions|communications|textes)|anticipated publication|forthcoming in|poziv za (?:radove|poglavlja))\b/i;

export function pageContext(doc: Document): PageContext {
  const meta = readMeta(doc);
  return {
    siteName: siteName(meta),
    ogTitle: meta.get('og:title')?.[0],
    docTitle: doc.title?.trim() || undefined,
    ogType: meta.get('og:type')?.[0]?.toLowerCase(),
  };
}

const norm = foldText;

/** All-caps titles from title pages are put in title case; other text is left as written. */
export function titleCase(s: string): string {
  // "RE | SHAPING POLICIES: A Decade of …": a shouted main title before a subtitle in normal case.
  const parts = s.split(/(?<=\S):\s+/);
  if (parts.length > 1 && parts.some((p) => /\p{Ll}/u.test(p))) return parts.map(titleCase).join(': ');
  if (/\p{Ll}/u.test(s) || !/\p{Lu}{3,}/u.test(s)) return s;
  const small = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with', 'from']);
  return s
    .toLowerCase()
    .split(/(\s+)/)
    .map((w, i) => (i > 0 && small.has(w) ? w : w.replace(/(^|[|(“"'‘-])(\p{Ll})/u, (_m, a: string, b: string) => a + b.toUpperCase())))
    .join('');
}

/** Cleans a title: trailing full stop, edition and year in brackets, site suffixes. */
export function cleanTitle(raw: string, ctx: PageContext = {}): { title: string; edition?: string; year?: number; series?: string } {
  let t = raw.replace(/\s+/g, ' ').trim();
  const out: { title: string; edition?: string; year?: number; series?: string } = { title: t };
  if (ctx.siteName && t.length > ctx.siteName.length + 3) {
    const esc = ctx.siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    t = t.replace(new RegExp(`\\s*[|\\-–—:]\\s*${esc}$`, 'i'), '').replace(new RegExp(`^${esc}\\s*[|\\-–—:]\\s*`, 'i'), '');
  }
  const ed = t.match(/\s*\((\d{1,2})\.?\s*(?:Auflage|Aufl\.|ed\.|edition|édition|izdanje)\)\s*$/i);
  if (ed) {
    out.edition = ed[1];
    t = t.slice(0, ed.index).trim();
  }
  // A series statement set after the title as if a subtitle: "Title: fundamentals of education planning N° 87".
  const series = t.match(/^(.{3,}?)\s*[:.]\s+(\p{Ll}[^:]{3,80}?)\s+(?:N°|Nº|No\.|Nr\.|n°|#)\s*(\d{1,4})$/u);
  if (series) {
    out.series = series[2];
    t = series[1]!;
  }
  const yr = t.match(/\s*\((1[5-9]\d\d|20\d\d)\)\s*$/);
  if (yr) {
    out.year = Number(yr[1]);
    t = t.slice(0, yr.index).trim();
  }
  t = t.replace(/\s+(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\.[a-z]{2,}\S*$/i, '').replace(/\.pdf$/i, '');
  t = t.replace(/(?<![.\s]\p{L})(?<!\b(?:\p{Lu}|[IVXLC]+|\d+))\.$/u, '').replace(/[\s,;:–—-]+$/, '').trim();
  t = t.replace(/^[\s"“„«‘']+|[\s"”“»’']+$/g, '').trim();
  // "l'Île maudite" written mid-sentence: a title starts with a capital.
  out.title = titleCase(t).replace(/^[ld](?=['’]\p{Lu})/u, (c) => c.toUpperCase());
  return out;
}

function isGenericHeading(text: string, ctx: PageContext): boolean {
  const t = text.trim();
  if (GENERIC_HEADING.test(t.replace(/[:.]$/, ''))) return true;
  const n = norm(t);
  if (ctx.siteName && n === norm(ctx.siteName)) return true;
  if (/^(?:category|tag|archives?|kategorie|catégorie)\b/i.test(t)) return true;
  // A byline set as a heading ("By Joshua Sokol") names the writer, not the work.
  if (BYLINE.test(t)) return true;
  return false;
}

interface TitleCandidate {
  title: string;
  score: number;
  block: number;
  /** Text right after the title inside its block (for ", edited by …"). */
  after?: string;
  edition?: string;
  year?: number;
  /** A citation written inside a sentence: its imprint and the names before the title. */
  inline?: { imprint: Imprint; author?: DraftName[] };
  /** An entry of a table of contents: its author. */
  toc?: { author?: DraftName };
}

const PERIODICAL = /\b(?:review|journal|bulletin|magazine|quarterly|newsletter|gazette|revue|zeitschrift|rivista|revista|časopis|tijdschrift)\b/i;

/** "Culturelink review, no.33/April 2001": the periodical, issue and date of the piece titled above it. */
function periodicalIssue(line: string): { container: string; issue: string; issued: number[] } | null {
  const m = line.slice(0, 200).match(/^(.{3,80}?),?\s+(?:no\.?|nr\.?|issue|n°)\s*(\d{1,4})\s*[/,]\s*([^-–|\n]{4,30})/i);
  if (!m || !PERIODICAL.test(m[1]!)) return null;
  const issued = parseDate(m[3]!);
  return issued ? { container: m[1]!.trim(), issue: m[2]!, issued } : null;
}

const LEADER = /\s*\.{4,}\s*(\d{1,4})\s*$/;

/**
 * A document host showing a journal issue's front matter: the uploader's heading names one article, and the
 * table of contents ("Biser BANCHEV, How Balkanization replaced … ...... 43") gives its full title and author.
 * Only the entry the heading names is the page's subject; the other entries are not items.
 */
function tocCandidate(blocks: Block[], heading: TitleCandidate | null): TitleCandidate | null {
  if (!heading) return null;
  const head = norm(heading.title);
  if (head.length < 12) return null;
  for (const b of blocks.slice(0, 400)) {
    if (b.level > 0 || !b.text.includes('....')) continue;
    let entry = '';
    for (const line of b.text.split('\n')) {
      entry = entry ? `${entry} ${line.trim()}` : line.trim();
      if (!LEADER.test(entry)) continue;
      const m = entry.replace(LEADER, '').match(/^([^,]{3,60}),\s+(.{8,300})$/);
      entry = '';
      if (!m || !norm(m[2]!).startsWith(head)) continue;
      const author = parseName(m[1]!);
      return { title: cleanTitle(m[2]!).title, score: 0.95, block: b.index, toc: { author: author && !author.literal ? author : undefined } };
    }
  }
  return null;
}

/**
 * A citation written inside a sentence: "IRMO researchers have published a new book: A and B in cooperation
 * with C, <em>Title</em>, Zagreb: IRMO, 2016. The book …". The emphasised title is followed, up to the end of
 * its sentence, by a real imprint (place or publisher, and a year); the names between the colon or sentence
 * start and the title are its authors (contributors "in cooperation with" are not).
 */
function inlineCitations(block: Block): TitleCandidate[] {
  const out: TitleCandidate[] = [];
  for (const s of block.emphasis) {
    const title = block.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
    if (title.split(' ').length < 2 || title.length > 250) continue;
    const rest = block.text.slice(s.end, s.end + 300).replace(/\n/g, ' ');
    if (!/^\s*,/.test(rest)) continue;
    const sentenceEnd = rest.search(/\.\s+(?=\p{Lu})|\.?$/u);
    const line = rest.slice(0, sentenceEnd).replace(/^\s*,\s*/, '');
    const imprint = parseImprint(line);
    if (!isImprintLine(line, imprint) || !imprint.issued || !(imprint.publisher || imprint.place)) continue;
    const lead = block.text.slice(Math.max(0, s.start - 300), s.start).replace(/\n/g, ' ');
    const names = lead.split(/[:;]\s+|[.!?]\s+(?=\p{Lu})/u).pop()!.replace(/[\s,]+$/, '').replace(/\s+(?:in cooperation with|in collaboration with|with the assistance of|assisted by)\s+.*$/i, '');
    const author = names && names.length < 200 && /^\p{Lu}/u.test(names) ? parseNameList(names).filter((n) => !n.literal) : [];
    const c = cleanTitle(title);
    out.push({ title: c.title, score: 0.9, block: block.index, inline: { imprint, author: author.length && author.length <= 10 ? author : undefined } });
  }
  return out;
}


function spanCandidates(block: Block): TitleCandidate[] {
  const out: TitleCandidate[] = [];
  const text = block.text;
  const spans = quotedSpans(text).map((q) => ({ ...q, emph: false }));
  for (const s of block.emphasis) {
    const inner = text.slice(s.start, s.end).trim();
    if (inner.length >= 3 && inner.length <= 250 && !spans.some((q) => q.start <= s.start && q.end >= s.end)) spans.push({ text: inner, start: s.start, end: s.end, emph: true });
  }
  for (const sp of spans) {
    const inner = sp.text.replace(/\s+/g, ' ').trim();
    const words = inner.split(' ').length;
    if (/[:：]$/.test(inner) || /^(?:https?:|www\.)/i.test(inner)) continue;
    if (sp.emph && sp.start === 0 && sp.end >= text.length - 1 && block.level === 0 && words < 2) continue;
    const before = text.slice(Math.max(0, sp.start - 90), sp.start);
    const sentenceBefore = before.split(/[.!?]\s+(?=\p{Lu})/u).pop() ?? before;
    const after = text.slice(sp.end, sp.end + 200);
    let score = 0;
    if (TITLED_CUE.test(before.replace(/[\s"“„«‘']+$/, ''))) score = 0.9;
    else if (NON_PUB_NOUN.test(before.replace(/[\s,:"“„«‘']+$/, ''))) score = 0;
    else if (/\brelease of\s*['"“‘]?$/i.test(before) || PUB_NOUN.test(sentenceBefore.slice(-70))) score = 0.8;
    else if (sp.emph && /\(\s*$/.test(before) && /^\s*\)/.test(after)) score = 0.6;
    else if (sp.emph && words >= 3 && block.level === 0) score = 0.5;
    else if (/^\s*,?\s*(?:edited by|by|par|de|von|\(eds?\.|koju su uredili|urednice|urednika)\b/i.test(after)) score = 0.6;
    else score = 0.2;
    if (words > 30) score = Math.min(score, 0.2);
    if (score > 0) out.push({ title: inner, score, block: block.index, after });
  }
  return out;
}

/**
 * A short title (a headline, og:title) completed by a heading just below it that repeats it with its
 * subtitle ("Basics on X" then "Basics on X: Objectives, …"): the fuller, more formal statement wins.
 */
export function extendedTitle(title: string, blocks: Block[], from: number, ctx: PageContext): string {
  const base = norm(title);
  if (base.length < 8) return title;
  for (const b of blocks) {
    if (b.index <= from) continue;
    if (b.index > from + 8) break;
    if (b.level === 0 || b.text.length > 300) continue;
    const nb = norm(b.text);
    // The heading goes on after the title's words with a subtitle mark.
    if (nb.length > base.length && nb.startsWith(`${base} `) && /^\s*[:.–—-]/.test(b.text.replace(/\s+/g, ' ').slice(title.length))) {
      return cleanTitle(b.text, ctx).title;
    }
  }
  return title;
}

/** The heading that titles this scope, with its news wording removed. */
function headingCandidate(blocks: Block[], ctx: PageContext): TitleCandidate | null {
  const headings = blocks.filter((b) => b.level > 0 && b.level <= 3 && b.text.length <= 300);
  const h = headings.find((b) => !isGenericHeading(b.text, ctx));
  if (!h) return null;
  let t = h.text.replace(/\s+/g, ' ').trim();
  let score = 0.6;
  const quoted = quotedSpans(t);
  if (quoted.length === 1 && quoted[0]!.text.length > 8) {
    t = quoted[0]!.text;
    score = 0.65;
  } else {
    // "Book launch: Title" loses its label; "Launch of Networks: The evolving …" keeps the title's first part.
    const colon = t.match(/^([^:]{2,40}):\s+(.{8,})$/);
    if (colon && `${colon[1]}: x`.replace(NEWS_PREFIX, '') === 'x') t = colon[2]!;
    t = t.replace(NEWS_PREFIX, '').replace(NEWS_SUFFIX, '');
    if (NEWS_VERBS.test(t)) score = 0.3;
  }
  let after: string | undefined;
  const by = t.match(/^(.*?),?\s+((?:edited|compiled)\s+by\s+.+)$/i);
  if (by) {
    t = by[1]!;
    after = by[2];
  }
  const cleaned = cleanTitle(t, ctx);
  const sub = subtitleLine(blocks, h);
  return { title: sub ? `${cleaned.title}: ${sub}` : cleaned.title, score, block: h.index, after, edition: cleaned.edition, year: cleaned.year };
}

/**
 * A subtitle set on its own line right under the heading, wholly emphasised ("Europe: a human enterprise" /
 * "<b>30 stories for 70 years of European history</b>"): short, no sentence, no date, byline or imprint.
 */
function subtitleLine(blocks: Block[], h: Block): string | undefined {
  const next = blocks.find((b) => b.index === h.index + 1);
  if (!next || next.level > 0 || next.text.length > 150 || next.text.length < 8 || next.text.includes('\n')) return undefined;
  const covered = next.emphasis.reduce((n, s) => n + (s.end - s.start), 0);
  if (covered < next.text.length - 1) return undefined;
  const t = next.text.trim();
  if (/[.!?:]$/.test(t) || !/^[\p{Lu}\d]/u.test(t) || BYLINE.test(t) || /^(?:by|edited by|von|par)\s/i.test(t)) return undefined;
  if (parseDate(t, false) || isImprintLine(t) || t.split(' ').length < 3) return undefined;
  return t;
}

const PUB_VERB =
  /\s+(?:came out|comes out|was published|has been published|is published|was released|has been released|is released|appeared|has appeared|is out|is now available|was launched|has been launched|vient de paraître|est paru|ist erschienen|erschien|je objavljen[ao]?|je izašl[ao])\b/i;

/**
 * A sentence whose subject is the heading's title, often in fuller form, and whose verb says it came out:
 * "Investing in Culture: Impact and Achievements came out to mark …" → the fuller title, and evidence.
 */
function subjectTitle(heading: TitleCandidate, blocks: Block[], ctx: PageContext): TitleCandidate | null {
  const base = norm(heading.title);
  if (base.length < 8) return null;
  for (const b of blocks) {
    if (b.level > 0 || b.index <= heading.block) continue;
    if (b.index > heading.block + 4) break;
    const text = b.text.replace(/\s+/g, ' ').slice(0, 400);
    if (!norm(text.slice(0, heading.title.length + 5)).startsWith(base)) continue;
    const verb = text.match(PUB_VERB);
    if (!verb || verb.index === undefined || verb.index > 300) continue;
    const subject = text.slice(0, verb.index);
    // The subject is the title itself, or the title with a subtitle: not a clause ("X, which …").
    if (norm(subject) !== base && !/^\s*[:–—-]/.test(subject.slice(heading.title.length))) continue;
    const c = cleanTitle(subject, ctx);
    return { title: c.title, score: 0.85, block: heading.block };
  }
  return null;
}

interface ImprintHit {
  block: number;
  line: number;
  imprint: Imprint;
  text: string;
}

/** Title pages, subtitles and a page's own imprint sit near its top: huge pages are not read to the end for them. */
const NEAR_TOP = 400;
/** A line can only be an imprint with a number, a colon or a name cue in it: prose without them is skipped unparsed. */
const IMPRINT_HINT = /\d|:|^\s*(?:by|edited|compiled|hrsg|herausgegeben|sous|a cura|ur|eds?\.)|\((?:eds?|dir|hrsg)\.?\)/i;

function imprintHits(blocks: Block[]): ImprintHit[] {
  const hits: ImprintHit[] = [];
  for (const b of blocks.slice(0, NEAR_TOP * 4)) {
    if (b.level > 0 || b.text.length > 1200) continue;
    const lines = b.text.split('\n');
    lines.forEach((line, i) => {
      if (line.length > 300 || !IMPRINT_HINT.test(line)) return;
      const imprint = parseImprint(line);
      if (isImprintLine(line, imprint)) hits.push({ block: b.index, line: i, imprint, text: line });
    });
    if (hits.length > 200) break;
  }
  return hits;
}

/** The title an imprint line belongs to: earlier lines of its block, or the heading(s) just above it. */
function titleForImprint(hit: ImprintHit, byIndex: Map<number, Block>, ctx: PageContext): TitleCandidate | null {
  const block = byIndex.get(hit.block)!;
  const lines = block.text.split('\n');
  if (hit.line > 0) {
    const first = lines[0]!;
    if (!isImprintLine(first) && !/^(?:(?:edited|compiled|co-edited)\s+by|by\s|hrsg|herausgegeben|autor|author|editors?\s*:|sous la direction|a cura di)/i.test(first) && first.length <= 300 && !/[.!?]\s/.test(first.slice(0, -1))) {
      const c = cleanTitle(first, ctx);
      return { title: c.title, score: 0.9, block: block.index, edition: c.edition, year: c.year };
    }
  }
  // Headings right above (skipping short navigation-like lines).
  let found: Block[] = [];
  for (let i = hit.block - 1, seen = 0; i >= 0 && seen < 4; i--) {
    const b = byIndex.get(i);
    if (!b) continue;
    seen++;
    if (b.level > 0) {
      if (isGenericHeading(b.text, ctx)) break;
      found.unshift(b);
      const prev = byIndex.get(i - 1);
      if (!(prev && prev.level > 0 && prev.level < b.level && !isGenericHeading(prev.text, ctx) && prev.level > 1)) break;
      found.unshift(prev);
      break;
    }
    if (found.length === 0 && b.text.length > 200) break;
  }
  found = found.filter((b, i, a) => a.indexOf(b) === i);
  if (!found.length) return null;
  const joined = found.map((b) => b.text.replace(/[.:]\s*$/, '')).join(': ');
  const c = cleanTitle(joined.replace(NEWS_PREFIX, ''), ctx);
  return { title: c.title, score: 0.9, block: found[0]!.index, edition: c.edition, year: c.year };
}

export interface AnnouncementResult {
  item: DraftItem;
  fieldConfidence: Partial<Record<keyof DraftItem, number>>;
  order: number;
  /** How sure we are the scope presents a publication at all. */
  evidence: number;
  /** A bibliographic line stands next to the title. */
  imprint: boolean;
}

/**
 * Reads one scope (the whole page, or one post of an archive page) as the announcement of at most one
 * publication.
 */
export function announceScope(blocks: Block[], ctx: PageContext): AnnouncementResult | null {
  if (!blocks.length) return null;
  const byIndex = new Map(blocks.map((b) => [b.index, b]));
  const heading = headingCandidate(blocks, ctx);
  if (heading && NO_PUBLICATION.test(heading.title)) return null;
  if (ctx.ogTitle && NO_PUBLICATION.test(ctx.ogTitle)) return null;

  const candidates: TitleCandidate[] = [];
  const hits = imprintHits(blocks);
  const hit = hits[0];
  let anchored: TitleCandidate | null = null;
  if (hit) {
    anchored = titleForImprint(hit, byIndex, ctx);
    if (anchored) candidates.push(anchored);
  }
  for (const b of blocks.slice(0, 300)) {
    if (b.level > 0 && b !== byIndex.get(heading?.block ?? -1)) {
      // Quoted titles inside headings (e.g. 'The book "X" marks …').
      for (const c of spanCandidates(b)) if (c.score >= 0.8) candidates.push(c);
      continue;
    }
    if (b.level === 0) candidates.push(...spanCandidates(b), ...(b.emphasis.length ? inlineCitations(b) : []));
  }
  if (heading) candidates.push(heading);
  const toc = tocCandidate(blocks, heading);
  if (toc) candidates.push(toc);
  // Any of the first headings may be the subject of the sentence below it (a section heading can come first).
  for (const h of blocks.filter((b) => b.level > 0 && b.level <= 3 && b.text.length <= 300 && !isGenericHeading(b.text, ctx)).slice(0, 3)) {
    const subject = subjectTitle({ title: cleanTitle(h.text, ctx).title, score: 0.6, block: h.index }, blocks, ctx);
    if (subject) {
      candidates.push(subject);
      break;
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.block - b.block);
  let best = candidates[0];
  if (!best || best.score < 0.5) return null;

  // Prefer the heading's wording when a quoted title repeats it; prefer the longer form when it extends it.
  if (heading && best !== heading) {
    const nb = norm(best.title);
    const nh = norm(heading.title);
    if (nb === nh) best = { ...best, title: heading.title };
    else if (nh.length > 5 && nb.startsWith(nh) && best.score < 0.9) best = { ...best };
  }
  if (anchored && best !== anchored && !best.toc) {
    const na = norm(anchored.title);
    const nb = norm(best.title);
    if (nb.startsWith(na) && nb.length > na.length) best = { ...anchored, title: best.title };
    else best = anchored;
  }
  // A subtitle set off right after the title in running text ("The White Paper on X <i>Subtitle</i>").
  const base = norm(best.title);
  let title = best.title;
  outer: for (const b of blocks.slice(0, NEAR_TOP)) {
    if (b.level > 0 || !b.emphasis.length) continue;
    for (const s of b.emphasis) {
      const before = norm(b.text.slice(Math.max(0, s.start - best.title.length - 5), s.start));
      const inner = b.text.slice(s.start, s.end).trim();
      if (base.length > 8 && before.endsWith(base) && inner.split(' ').length >= 2 && !norm(inner).startsWith(base)) {
        title = `${best.title}: ${inner}`;
        break outer;
      }
    }
  }
  // Title pages transcribed as text: a block starting with the (garbled) heading and continuing it.
  let titlePageDate: number[] | undefined;
  if (best === heading || best.title === heading?.title) {
    const head = norm(best.title.replace(/\s*(?:…|\.\.\.).*$/, '').replace(/\s+[-–|]\s+.*$/, ''));
    if (head.length >= 8) {
      for (const b of blocks.slice(0, NEAR_TOP)) {
        if (b.index === best.block || b.level > 0) continue;
        const firstLines = b.text.split('\n');
        const joined = firstLines.join(' ');
        const nj = norm(joined);
        if (!nj.startsWith(head) || nj === head) continue;
        // Continue to the end of the line/block that completes the heading words.
        let acc = '';
        let k = 0;
        while (k < firstLines.length && norm(acc).length < head.length) acc = `${acc} ${firstLines[k++]}`.trim();
        let rest = k < firstLines.length && norm(acc) === head ? firstLines[k]! : '';
        let main = acc;
        if (norm(acc) !== head) {
          // heading ends mid-line: the rest of the line is the continuation
          rest = '';
          main = acc;
        }
        const tokens = (main + ' ' + rest).split(/\s+/);
        const singles = tokens.filter((t) => /^\p{L}$/u.test(t)).length;
        if (singles > tokens.length * 0.2) continue;
        if (/(?:www\.|https?:)/.test(rest)) rest = '';
        let full = rest ? `${main.replace(/[:\s]+$/, '')}: ${rest}` : main;
        if (/:\s*$/.test(main) && !rest) {
          const next = byIndex.get(b.index + 1);
          if (next && next.text.length < 150) full = `${main.replace(/[:\s]+$/, '')}: ${next.text}`;
        }
        const words = full.split(/\s+/).length;
        if (words <= 40 && norm(full).length > head.length) {
          // Insert the subtitle separator after the heading words when the block runs on.
          const nf = cleanTitle(full.replace(/\s+(?:www\.)\S+$/, ''), ctx).title;
          title = nf;
          if (!/:/.test(nf)) {
            const headWords = head.split(' ').length;
            const parts = nf.split(/\s+/);
            let count = 0;
            let cut = 0;
            for (let i = 0; i < parts.length && count < headWords; i++) {
              count += norm(parts[i]!).split(' ').filter(Boolean).length;
              cut = i + 1;
            }
            if (cut < parts.length) title = `${parts.slice(0, cut).join(' ')}: ${parts.slice(cut).join(' ')}`;
          }
          best = { ...best, block: b.index };
          // A date standing alone a few lines below the title page's title ("Final Report" / "November 2016").
          for (let k = b.index + 1; k <= b.index + 4; k++) {
            const line = byIndex.get(k)?.text ?? '';
            const d = line.length <= 30 ? parseDate(line) : null;
            if (d && line.replace(new RegExp(`${MONTH_PATTERN}|\\d+|[.,/\\s-]`, 'gi'), '').length <= 1) {
              titlePageDate = d;
              break;
            }
          }
          break;
        }
      }
    }
  }

  const item: DraftItem = {};
  const conf: Partial<Record<keyof DraftItem, number>> = {};
  const set = <K extends keyof DraftItem>(k: K, v: DraftItem[K] | undefined, c: number) => {
    if (v === undefined || (Array.isArray(v) && !v.length)) return;
    if (item[k] !== undefined && (conf[k] ?? 0) >= c) return;
    item[k] = v;
    conf[k] = c;
  };
  set('title', cleanTitle(title, ctx).title, best.score);
  if (best.edition) set('edition', best.edition, 0.7);
  if (best.year) set('issued', [best.year], 0.6);

  let evidence = best.score >= 0.8 ? best.score : 0;
  // A piece of a periodical: the line under its heading names the issue it appeared in.
  // (The element right after the heading is read even when page-text left it out as navigation-like.)
  const headEl = byIndex.get(best.block)?.el;
  const issueLine =
    best === heading || best.title === heading?.title
      ? (periodicalIssue(byIndex.get(best.block + 1)?.text ?? '') ?? periodicalIssue((headEl?.nextElementSibling?.textContent ?? '').replace(/\s+/g, ' ').trim()))
      : null;
  if (issueLine) {
    set('container-title', issueLine.container, 0.7);
    set('issue', issueLine.issue, 0.7);
    set('issued', issueLine.issued, 0.75);
    set('type', 'article-journal', 0.7);
    evidence = Math.max(evidence, 0.7);
  }
  if (titlePageDate) {
    // A title page transcribed on the page, dated: the page presents that document.
    set('issued', titlePageDate, 0.75);
    evidence = Math.max(evidence, 0.7);
  }
  if (best.toc) {
    set('author', best.toc.author ? [best.toc.author] : undefined, 0.85);
    set('type', 'article-journal', 0.8);
  }
  /** The fields every imprint line gives (names, imprint, date, length, ISBN). */
  const setImprint = (im: Imprint, author: Imprint['author']) => {
    set('author', author, 0.85);
    set('editor', im.editor, 0.85);
    set('publisher', im.publisher, 0.85);
    set('publisher-place', im.place, 0.85);
    set('issued', im.issued, 0.85);
    set('number-of-pages', im.pages, 0.85);
    set('ISBN', im.ISBN, 0.9);
  };
  if (best.inline) setImprint(best.inline.imprint, best.inline.author);
  // The imprint nearest the title.
  // A contents entry's neighbours are other entries, not its imprint.
  const near = best.toc ? undefined : (hits.find((h) => Math.abs(h.block - best.block) <= 4) ?? (anchored ? hit : undefined));
  if (near) {
    const im = near.imprint;
    evidence = Math.max(evidence, 0.9);
    // "By EUROCITIES, Brussels, 2017": the body that heads the imprint is also its publisher.
    if (im.author?.length === 1 && im.author[0]!.literal && !im.publisher && /^\s*by\s/i.test(near.text)) im.publisher = im.author[0]!.literal;
    setImprint(im, im.author);
    set('ISSN', im.ISSN, 0.8);
    set('DOI', im.DOI, 0.9);
    set('edition', im.edition, 0.7);
    // Other lines of the same block (e.g. "Edited by …" above "OCPA, Maputo, 2006").
    const sameBlock = byIndex.get(near.block)!.text.split('\n').map((text, line) => ({ block: near.block, line, text, imprint: parseImprint(text) }));
    const extra = [...hits.filter((h) => h.block === near.block), ...sameBlock.filter((h) => !isImprintLine(h.text, h.imprint))];
    for (const h of extra) {
      if (h.line === near.line) continue;
      if (!isImprintLine(h.text, h.imprint)) {
        set('author', h.imprint.author, 0.8);
        set('editor', h.imprint.editor, 0.8);
        continue;
      }
      set('author', h.imprint.author, 0.8);
      set('editor', h.imprint.editor, 0.8);
      set('publisher', h.imprint.publisher, 0.8);
      set('publisher-place', h.imprint.place, 0.8);
      set('issued', h.imprint.issued, 0.8);
      set('number-of-pages', h.imprint.pages, 0.8);
      set('ISBN', h.imprint.ISBN, 0.85);
    }
  }
  if (best.after) {
    const eds = editorCue(best.after);
    if (eds.length) set('editor', eds, 0.8);
    else {
      const m = best.after.match(/(?:edited|compiled)\s+by\s+(.+)$/i);
      if (m) set('editor', parseNameList(m[1]!).map((n) => (n.literal ? n : isOrganisation(m[1]!) ? { literal: m[1]!.trim() } : n)), 0.8);
    }
    // "Title, edited by X" names a work: that is evidence of a publication.
    if (item.editor) evidence = Math.max(evidence, 0.7);
  }

  // What the prose says, sentence by sentence.
  const fullText = blocks.slice(0, NEAR_TOP * 4).map((b) => b.text).join('\n').slice(0, 200_000);
  const titleWords = norm(title).split(' ').filter((w) => w.length > 3).slice(0, 4);
  const ns = (x: string) => ` ${norm(x)} `;
  // Only the first stretch of prose is read: announcements state their facts early, and huge pages stay fast.
  let budget = 8000;
  const prose = blocks.filter((b) => b.level === 0 && b.text.length > 20 && b.text.length < 5000 && (budget -= b.text.length) > 0).slice(0, 30);
  for (const b of prose) {
    const sentences = b.text.replace(/\n/g, ' ').split(/(?<=[.!?])(?<!\b\d{1,2}\.)\s+(?=[\p{Lu}„“"«(])/u);
    for (const s of sentences) {
      if (s.length > 600) continue;
      const pub = publisherCue(s, fullText);
      if (pub && !item.publisher) {
        set('publisher', pub, 0.6);
        // "X is written and produced by Y" about a website is no publication: the sentence must speak of
        // a publication (a noun such as book or report) or of the title itself.
        if (PUB_NOUN.test(s) || (titleWords.length && titleWords.filter((w) => ns(s).includes(` ${w} `)).length * 2 >= titleWords.length)) evidence = Math.max(evidence, 0.6);
      }
      const eds = editorCue(s);
      if (eds.length && !item.editor) {
        set('editor', eds, 0.6);
        evidence = Math.max(evidence, 0.6);
      }
      const aus = authorCue(s);
      if (aus.length && !item.author) {
        set('author', aus, 0.55);
        evidence = Math.max(evidence, 0.6);
      }
      const d = dateCue(s);
      if (d && !item.issued) set('issued', d, 0.6);
      if (!item['number-of-pages']) {
        const p = s.match(/\b(\d{2,5})\s+(?:pages|Seiten|pages|páginas|pagine|stranica|stranice)\b/i);
        if (p && Number(p[1]) > 0) set('number-of-pages', String(Number(p[1])), 0.5);
      }
      if (!item.language) {
        const l = s.match(/\b(?:published|available|written)\s+in\s+(English|French|German|Spanish|Italian|Croatian)\b|\bobjavljen[ae]?\s+(?:su\s+)?na\s+engleskom\b/i);
        if (l) set('language', LANG[(l[1] ?? 'english').toLowerCase()] ?? 'en', 0.6);
      }
    }
  }
  if (!item.ISBN) {
    const isbn = labelledIsbns(fullText.slice(0, 20000))[0];
    if (isbn) {
      set('ISBN', isbn, 0.7);
      // A (check-digit valid) ISBN printed on the page is the mark of a book the page presents.
      evidence = Math.max(evidence, 0.6);
    }
  }
  // A title page's verso transcribed on the page: "Published in 2015 by … 75352 Paris 07 SP, France".
  const verso = fullText.slice(0, 20000).match(/\b(?:First\s+)?[Pp]ublished\s+in\s+(1[5-9]\d\d|20\d\d)\s+by\s+([^\n]{3,300})/);
  if (verso) {
    evidence = Math.max(evidence, 0.7);
    set('issued', [Number(verso[1])], 0.7);
    const place = verso[2]!.split(/[\s,]+/).find((w, i, a) => isKnownPlace(w) || (i + 1 < a.length && isKnownPlace(`${w} ${a[i + 1]}`)));
    if (place) set('publisher-place', place, 0.7);
  }
  if (!item.DOI) {
    const m = fullText.match(/\b(?:DOI|doi)\s*:?\s*(?:https?:\/\/(?:dx\.)?doi\.org\/)?(10\.\d{4,9}\/\S+)/);
    if (m) set('DOI', findDois(m[1]!)[0], 0.7);
  }
  // Volume/issue statements of a journal issue: "(Volume 140, Issue 4, Fall 2011)".
  const vi = fullText.match(/\bVol(?:ume|\.)?\s*(\d{1,4}),?\s*(?:Issue|No\.?|Number|Nr\.?)\s*(\d{1,4})(?:,?\s*(?:[A-Z][a-z]+\s+)?(1[5-9]\d\d|20\d\d))?/);
  if (vi) {
    set('volume', vi[1], 0.5);
    set('issue', vi[2], 0.5);
    if (vi[3]) set('issued', [Number(vi[3])], 0.55);
  }
  if (evidence < 0.55 && best.score < 0.8) return null;
  if (!item.type) item.type = guessType(item, fullText);
  return { item, fieldConfidence: conf, order: best.block, evidence, imprint: !!near };
}

const LANG: Record<string, string> = { english: 'en', french: 'fr', german: 'de', spanish: 'es', italian: 'it', croatian: 'hr' };

export function guessType(item: DraftItem, text: string): string {
  if (item.ISSN && !item.ISBN) return 'article-journal';
  if (/\b(?:thesis|dissertation|doctoral)\b/i.test(text.slice(0, 3000))) return 'thesis';
  if (/\b(?:report|study|survey|white paper|rapport|bericht|studie|informe|izvješće)\b/i.test(`${item.title ?? ''} ${text.slice(0, 1500)}`) && !item.editor) return 'report';
  return 'book';
}

const BYLINE = /^\s*By\s+((?:Dr\.?\s+|Prof\.?\s+)?\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3})*)\s*$/u;

/** Byline of an article page: "By Name" right under its heading, and a date standing alone next to it. */
function byline(blocks: Block[]): { authors: DraftName[]; issued?: number[] } {
  const h = blocks.findIndex((b) => b.level === 1);
  for (let i = Math.max(0, h); i < Math.min(blocks.length, h + 12); i++) {
    const m = blocks[i]!.text.match(BYLINE);
    if (!m) continue;
    const authors = parseNameList(m[1]!).filter((n) => !n.literal);
    let issued: number[] | undefined;
    for (const j of [i + 1, i - 1, i + 2]) {
      const t = blocks[j]?.text ?? '';
      const d = t.length <= 40 ? parseDate(t, false) : null;
      if (d && d.length === 3) {
        issued = d;
        break;
      }
    }
    return { authors, issued };
  }
  return { authors: [] };
}

export function extractAnnouncement(doc: Document, _url: string): SourceOutput {
  return announcementDrafts(pageText(doc).blocks, pageContext(doc));
}

/** The announcement reader over blocks already read (from a page, or from selected text). */
export function announcementDrafts(blocks: Block[], ctx: PageContext): SourceOutput {
  let res = announceScope(blocks, ctx);
  const drafts: Draft[] = [];
  // An article page (og:type article) with a visible byline is itself the publication.
  const { authors, issued } = byline(blocks);
  const isArticle = authors.length > 0 && ctx.ogType === 'article';
  const h1 = blocks.find((b) => b.level === 1);
  // A work named deep inside such an article's body, with no bibliographic line, is a mention, not its subject.
  if (res && isArticle && !res.imprint && res.order - (h1?.index ?? 0) > 6) res = null;
  if (res) {
    drafts.push({ source: 'announcement', describes: 'publication', order: res.order, confidence: 0.7, fieldConfidence: res.fieldConfidence, item: res.item });
  }
  if (isArticle) {
    const item: DraftItem = { author: authors, type: 'article-magazine' };
    if (issued) item.issued = issued;
    if (ctx.siteName) item['container-title'] = ctx.siteName;
    if (h1) item.title = extendedTitle(cleanTitle(h1.text, ctx).title, blocks, h1.index, ctx);
    drafts.push({ source: 'byline', describes: res ? 'page' : 'publication', order: h1?.index ?? 0, confidence: 0.6, item });
  }
  return { drafts };
}
