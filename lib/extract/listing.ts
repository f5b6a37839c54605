/**
 * Listings: a page that presents several publications yields one draft per publication, in page order.
 * Three kinds of repeated structure are recognised:
 *  - citation entries: paragraphs or list items that each read as a reference ("Authors (2014). Title.
 *    Place: Publisher." / "Authors, <em>Title</em>, Place, Publisher, 2015." / "Special issue on X. Journal, 4(1), 2016.");
 *  - posts: an archive page with several articles, each read as its own announcement;
 *  - headed entries: sibling headings, each a title, with an "Editors:" line or a date grouping above them.
 */
import { announceScope, cleanTitle, pageContext, type PageContext } from './announcement';
import { authorCue, editorCue, NON_PUB_NOUN, publisherCue, quotedSpans } from './cues';
import { parseDate } from './dates';
import { isImprintLine, isKnownPlace, parseImprint } from './imprint';
import { isOrganisation, parseNameList, parsePerson } from './names';
import { pageText, type Block } from './page-text';
import type { Draft, DraftItem, DraftName, SourceOutput } from './types';

const MAX_ITEMS = 300;

function authorsFrom(raw: string): { author?: DraftName[]; editor?: DraftName[] } {
  let s = raw.replace(/^[\s.•·\-–—*]+/, '').replace(/[\s,.:]+$/, '').trim();
  s = s.replace(/\s+in cooperation with\s+.*$/i, '').replace(/\s+(?:assisted by|with the assistance of)\s+.*$/i, '');
  const ed = /\s*\(\s*(?:eds?|dir|hrsg|hg|coord)\.?\s*\)\.?$/i;
  const isEd = ed.test(s);
  s = s.replace(ed, '');
  if (!s || s.length > 600) return {};
  let names: DraftName[];
  // "Alexander, B. K., Arasaratnam, L. A., & Halualani, R." (APA): Family, Initials pairs.
  if (/^\p{Lu}[\p{L}'’-]+,\s*(?:\p{Lu}\.\s*)+/u.test(s)) {
    names = [];
    for (const m of s.matchAll(/(\p{Lu}[\p{L}'’ -]*?[\p{L}'’]),\s*((?:\p{Lu}\.?\s*-?)+)(?=,|\s*&|\s*$|\s+and)/gu)) {
      names.push({ family: m[1]!.trim(), given: m[2]!.trim() });
    }
    if (!names.length) names = parseNameList(s);
  } else if (/^\p{Lu}[\p{L}'’-]+,\s*\p{Lu}\b/u.test(s) && !/&|\band\b/.test(s)) {
    const p = parsePerson(s);
    names = p ? [p] : [];
  } else {
    names = parseNameList(s.replace(/&(?=\S)/g, '& ').replace(/\b(?:and|&)\s+and\b/g, 'and'));
    // "Belfiore, E. & Bennett O." — family first with trailing initials.
    names = names.map((n) => {
      if (n.given && /^\p{Lu}\.?$/u.test(n.family ?? '') && !/\./.test(n.given ?? 'x')) return { family: n.given, given: n.family };
      return n;
    });
  }
  names = names.filter((n) => n.family || n.literal);
  if (!names.length) return {};
  return isEd ? { editor: names } : { author: names };
}

const JOURNAL = /^(?:in\s+)?([^.,(]{3,120}?)[.,]?\s*(?:ISSN:?\s*[\dXx-]{8,9}\s*,?)?\s*(?:[A-Z]{3,}\s+\d{4},\s*)?(?:Vol\.?\s*)?(\d{1,4})\s*(?:\((\d{1,4})\)|,?\s*No\.?\s*(\d{1,4}))/;

/** Reads one reference entry. */
export function parseCitation(block: Block): DraftItem | null {
  const text = block.text.replace(/\n/g, ' ').replace(/^[\s.•·\-–—*]+/, '').trim();
  if (text.length < 25 || text.length > 700) return null;
  const item: DraftItem = {};
  let m = text.match(/^Special issue on\s+(.+?)[.,]\s+(.+?),\s*(\d{1,4})\((\d{1,4})\),\s*(\d{4})/i);
  if (m) {
    return { type: 'periodical', title: m[1]!, 'container-title': m[2]!, volume: m[3]!, issue: m[4]!, issued: [Number(m[5])] };
  }
  const emph = block.emphasis.map((s) => ({ ...s, text: block.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim() })).filter((s) => s.text.split(' ').length >= 2);
  m = text.match(/^(.{2,500}?)\s*\(\s*((?:1[5-9]|20)\d\d)[a-z]?\s*\)\s*\.?\s*(.*)$/u);
  if (m && !/[.!?]\s+\p{Lu}\p{Ll}+\s+\p{Ll}+\s+\p{Ll}/u.test(m[1]!)) {
    const who = authorsFrom(m[1]!);
    if (!who.author && !who.editor) return null;
    Object.assign(item, who);
    item.issued = [Number(m[2])];
    let rest = m[3]!.trim();
    let title = '';
    const q = quotedSpans(rest)[0];
    const restStart = text.length - rest.length;
    const em = emph.find((s) => Math.abs(s.start - (block.text.replace(/\n/g, ' ').length - rest.length)) <= 3);
    if (q && q.start <= 1 && !/^\s*,\s*\p{Ll}/u.test(rest.slice(q.end))) {
      title = q.text;
      rest = rest.slice(q.end);
    } else if (em) {
      title = em.text;
      rest = rest.slice(Math.min(rest.length, title.length + 1));
    } else {
      const stop = rest.search(/\s+ISBN\b|(?<!\b\p{Lu})\.\s+(?=\p{Lu}|in\s)/u);
      if (stop > 0) {
        title = rest.slice(0, stop);
        rest = rest.slice(stop).replace(/^\.\s*/, '');
      } else {
        // "Title, Oxon, Routledge" / "Title, Journal, 2002, 14 pp. 3-16"
        const parts = rest.split(/,\s+/);
        let cut = parts.length;
        while (cut > 1 && (isKnownPlace(parts[cut - 1]!) || isOrganisation(parts[cut - 1]!) || /^\d|pp\./.test(parts[cut - 1]!) || (cut === parts.length - 1 && /^\p{Lu}/u.test(parts[cut - 1]!)))) cut--;
        if (cut < parts.length && /\d{4}|pp\./.test(parts.slice(cut).join(', ')) && cut > 1 && !isKnownPlace(parts[cut]!)) cut = Math.max(1, cut);
        title = parts.slice(0, cut).join(', ');
        rest = parts.slice(cut).join(', ');
      }
    }
    item.title = cleanTitle(title.replace(/\s+:\s+/g, ': ')).title;
    const j = rest.replace(/^\s*[.,]\s*/, '').match(JOURNAL);
    if (j && !/^(?:ISBN)/.test(j[1]!)) {
      item['container-title'] = j[1]!.replace(/^in\s+/i, '').trim();
      item.volume = j[2]!;
      if (j[3] ?? j[4]) item.issue = j[3] ?? j[4];
      item.type = 'article-journal';
      const pr = rest.match(/\b(?:pp?\.?\s*)?(\d{1,5}\s*[-–]\s*\d{1,5})\b/);
      if (pr) item.page = pr[1]!.replace(/\s/g, '');
    } else {
      const im = parseImprint(rest);
      if (im.publisher) item.publisher = im.publisher;
      if (im.place) item['publisher-place'] = im.place;
      if (im.ISBN) item.ISBN = im.ISBN;
      if (im.ISSN) item.ISSN = im.ISSN;
      if (!im.publisher && /\bISSN\b/.test(rest)) item.type = 'article-journal';
      const issueOnly = rest.match(/,\s*(\d{1,4})\s+pp?\.\s*(\d+\s*[-–]\s*\d+)/);
      if (issueOnly) {
        item.issue = issueOnly[1];
        item.page = issueOnly[2]!.replace(/\s/g, '');
        item.type = 'article-journal';
        delete item.publisher;
        delete item['publisher-place'];
      }
      item.type ??= 'book';
    }
    void restStart;
    return item.title ? item : null;
  }
  // "Authors (dir.), <em>Title</em>, Place, Publisher, 2015." / "<strong>Title</strong>, par AUTHORS, Place, Publisher, 2013."
  const em = emph[0];
  if (em) {
    const flat = block.text;
    const before = flat.slice(0, em.start).replace(/\n/g, ' ');
    const after = flat.slice(em.end).replace(/\n/g, ' ');
    if (before.length > 200) return null;
    const title = cleanTitle(em.text.replace(/\s*;\s*/g, ': ').replace(/\.\s+(?=\p{Lu})/u, ': ')).title;
    let rest = after.replace(/^[\s,.]+/, '');
    const par = rest.match(/^(?:par|by|de|von)\s+(.+)$/i);
    if (par) {
      const segs = par[1]!.split(/,\s*/);
      const names: string[] = [];
      while (segs.length && !isKnownPlace(segs[0]!) && !isOrganisation(segs[0]!) && /^\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){1,3}$/u.test(segs[0]!.trim())) names.push(segs.shift()!);
      if (names.length) item.author = names.map((n) => parsePerson(n)).filter((n): n is DraftName => n !== null);
      rest = segs.join(', ');
    }
    const who = authorsFrom(before);
    if (who.author && !item.author) item.author = who.author;
    if (who.editor) item.editor = who.editor;
    const im = parseImprint(rest);
    if (!im.issued && !im.publisher) return null;
    if (!item.author && !item.editor && !im.publisher) return null;
    item.title = title;
    if (im.publisher) item.publisher = im.publisher;
    if (im.place) item['publisher-place'] = im.place;
    if (im.issued) item.issued = im.issued;
    if (im.ISBN) item.ISBN = im.ISBN;
    if (im.pages) item['number-of-pages'] = im.pages;
    item.type = 'book';
    return item;
  }
  return null;
}

function citationEntries(blocks: Block[]): Draft[] {
  const drafts: Draft[] = [];
  for (const b of blocks) {
    if (b.level > 0 || b.text.length < 25 || b.text.length > 700) continue;
    const item = parseCitation(b);
    if (item) drafts.push({ source: 'listing', describes: 'publication', order: b.index, confidence: 0.75, item });
    if (drafts.length >= MAX_ITEMS) break;
  }
  return drafts.length >= 2 ? drafts : [];
}

/** Archive pages: several posts, each read as its own announcement. */
function posts(doc: Document, blocks: Block[], ctx: PageContext): Draft[] | null {
  const heads = blocks.filter((b) => b.level >= 2 && b.level <= 3 && /entry-title|post-title/.test(b.hint));
  const articles = doc.querySelectorAll('article');
  if (heads.length < 2 && articles.length < 2) return null;
  const starts = heads.length >= 2 ? heads.map((h) => h.index) : [];
  if (!starts.length) return null;
  const drafts: Draft[] = [];
  for (let i = 0; i < starts.length && drafts.length < MAX_ITEMS; i++) {
    // Block indexes are array positions: a scope is a slice (a filter per post was quadratic on huge archives).
    const scope = blocks.slice(starts[i]!, starts[i + 1] ?? blocks.length);
    const res = announceScope(scope, { ...ctx, ogTitle: undefined });
    if (res && res.evidence >= 0.6) drafts.push({ source: 'listing', describes: 'publication', order: res.order, confidence: 0.7, fieldConfidence: res.fieldConfidence, item: res.item });
  }
  return drafts;
}

/** Sibling headings that each title a publication, possibly grouped under date headings. */
function headedEntries(blocks: Block[]): Draft[] {
  const byLevel = new Map<number, Block[]>();
  for (const b of blocks) if (b.level >= 2 && b.level <= 5) byLevel.set(b.level, [...(byLevel.get(b.level) ?? []), b]);
  let best: Draft[] = [];
  for (const [, heads] of byLevel) {
    if (heads.length < 2) continue;
    const drafts: Draft[] = [];
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (parseDate(h.text, false) && h.text.length < 25) continue;
      const next = heads[i + 1]?.index ?? Infinity;
      const body = blocks.slice(h.index + 1, Math.min(next, h.index + 9)).filter((b) => b.level === 0).slice(0, 4);
      if (!body.length || body[0]!.text.length > 1200) continue;
      // The nearest date-only heading above groups the entry ("January 2008").
      let group: Block | undefined;
      for (let k = h.index - 1; k >= 0 && !group; k--) if (blocks[k]!.level > 0 && blocks[k]!.level < h.level) group = blocks[k];
      const item: DraftItem = {};
      let t = h.text.replace(/\s+/g, ' ').trim();
      const yr = t.match(/,\s*((?:1[5-9]|20)\d\d)$/);
      if (yr) {
        item.issued = [Number(yr[1])];
        t = t.slice(0, yr.index);
      }
      const vol = t.match(/\s+Vol\.?\s*(\d+)\s*No\.?\s*(\d+)$/i);
      if (vol) {
        item.volume = vol[1];
        item.issue = vol[2];
        item.type = 'periodical';
        t = t.slice(0, vol.index);
      }
      t = t.replace(/^(?:online\s+)?(?:magazine|journal|report|book)\s*:\s*/i, (m) => {
        if (/magazine|journal/i.test(m)) item.type = 'periodical';
        return '';
      });
      const cleaned = cleanTitle(t.replace(/\s+:\s+/g, ': '));
      item.title = cleaned.title;
      if (cleaned.series) item['collection-title'] = cleaned.series;
      const gd = group && group.text.length < 30 ? parseDate(group.text, false) : null;
      if (gd && !item.issued) item.issued = gd;
      for (const b of body) {
        const line = b.text.split('\n')[0]!;
        const im = parseImprint(line);
        if (isImprintLine(line, im)) {
          // "By A and B, Prague: Institute, 2018" / "Edited by C, Milan: Foundation, 2016, 158 pp.": the
          // imprint grammar knows where the names stop.
          if (im.author?.length) item.author ??= im.author;
          if (im.editor?.length) item.editor ??= im.editor;
          item.publisher ??= im.publisher;
          item['publisher-place'] ??= im.place;
          item.issued ??= im.issued;
          item.ISBN ??= im.ISBN;
          item['number-of-pages'] ??= im.pages;
        } else {
          const ed = b.text.match(/^(?:Editors?|Edited by|Hrsg\.?|Herausgeber)\s*:?\s*(.+)$/i);
          if (ed) item.editor ??= parseNameList(ed[1]!.replace(/\.$/, ''));
        }
      }
      item.type ??= 'book';
      drafts.push({ source: 'listing', describes: 'publication', order: h.index, confidence: 0.65, item });
    }
    if (drafts.length > best.length) best = drafts;
  }
  // Headed entries need some sign that they are publications: a date grouping, editors, imprints.
  const signs = best.filter((d) => d.item.issued || d.item.editor || d.item.publisher).length;
  return best.length >= 3 || (best.length >= 2 && signs >= 2) ? (signs >= Math.ceil(best.length / 2) ? best : []) : [];
}

/** A quoted or emphasised stretch of running text that could be a title ("l'Île maudite" included). */
function titleSpans(block: Block): { text: string; start: number; end: number }[] {
  const spans = quotedSpans(block.text);
  for (const e of block.emphasis) {
    if (spans.some((q) => q.start <= e.start && q.end >= e.end)) continue;
    spans.push({ text: block.text.slice(e.start, e.end).trim(), start: e.start, end: e.end });
  }
  return spans
    .filter((sp) => sp.text.length >= 3 && sp.text.length <= 250 && /^(?:[ldLD]['’])?[\p{Lu}\d]/u.test(sp.text) && !/^(?:https?:|www\.)/i.test(sp.text))
    .sort((a, b) => a.start - b.start);
}

/**
 * Publications named in running prose, one after another: "“A”, edited by X and Y, “B” edited by Z" or a
 * column of paragraphs each with an emphasised title followed by "imaginées par …", "by …". A title counts
 * when the words right after it name its authors or editors; a paragraph with one title and a publisher cue
 * ("publié chez …") joins them. Two or more such titles make a listing.
 */
function proseEntries(blocks: Block[]): Draft[] {
  const strong: Draft[] = [];
  const weak: Draft[] = [];
  for (const b of blocks) {
    if (b.level > 0 || b.text.length < 40 || b.text.length > 3000) continue;
    const spans = titleSpans(b);
    if (!spans.length || spans.length > 12) continue;
    for (let i = 0; i < spans.length; i++) {
      const sp = spans[i]!;
      const before = b.text.slice(Math.max(spans[i - 1]?.end ?? 0, sp.start - 60), sp.start);
      if (NON_PUB_NOUN.test(before.replace(/[\s,:"“„«‘']+$/, ''))) continue;
      const after = b.text.slice(sp.end, Math.min(spans[i + 1]?.start ?? b.text.length, sp.end + 300)).replace(/\n/g, ' ');
      const head = after.slice(0, 90);
      const item: DraftItem = { title: cleanTitle(sp.text).title, type: 'book' };
      const eds = editorCue(head);
      const aus = eds.length ? [] : authorCue(head);
      const cueAt = head.search(/\b(?:by|par|von|door|di|de|uredi|ured|edited|edit|hrsg|herausgegeben|a cura|sous la direction|écrit|coécrit|imaginé)/i);
      if (eds.length) item.editor = eds;
      if (aus.length) item.author = aus;
      const named = (eds.length || aus.length) && cueAt >= 0 && cueAt <= 45;
      // The publisher may be stated anywhere in this title's stretch of the paragraph.
      const stretch = spans.length === 1 ? b.text.replace(/\n/g, ' ') : `${before} ${after}`;
      let publisher: string | undefined;
      for (const sentence of stretch.split(/(?<=[.!?])\s+/)) {
        publisher = publisherCue(sentence);
        if (publisher) break;
      }
      if (publisher) item.publisher = publisher;
      const draft: Draft = { source: 'listing', describes: 'publication', order: b.index + i / 100, confidence: 0.6, item };
      if (named) strong.push(draft);
      else if (spans.length === 1 && publisher) weak.push(draft);
    }
  }
  if (strong.length < 2) return [];
  return [...strong, ...weak].sort((a, c) => a.order - c.order).slice(0, MAX_ITEMS);
}

const SPECIAL_ISSUE = /\b(?:special|themed|thematic)\s+(?:edition|issue|number)\b[^.]{0,60}$|\b(?:on|about)\s+the\s+(?:topic|theme)\s+of\s*$/i;

/**
 * Journal special issues a listing describes in its paragraphs ("This special edition: ‘Theme’ of the
 * journal …", "an edition produced on the topic of ‘Theme’. Co-edited by …"): the quoted theme is the
 * issue's title. A special issue merely planned in prose carries no quoted theme and is not read.
 */
function specialIssues(blocks: Block[], after: number): Draft[] {
  const out: Draft[] = [];
  for (const b of blocks.slice(after + 1, after + 200)) {
    if (b.level > 0 || b.text.length > 2000) continue;
    for (const q of quotedSpans(b.text)) {
      if (!SPECIAL_ISSUE.test(b.text.slice(Math.max(0, q.start - 90), q.start).replace(/[\s:"“„«‘']+$/, ''))) continue;
      const item: DraftItem = { title: cleanTitle(q.text).title, type: 'periodical' };
      const editors = editorCue(b.text.slice(q.end, q.end + 300));
      if (editors.length) item.editor = editors;
      out.push({ source: 'listing', describes: 'publication', order: b.index + q.start / 1e5, confidence: 0.6, item });
    }
  }
  return out;
}

export function extractListing(doc: Document, _url: string): SourceOutput {
  const { blocks } = pageText(doc);
  const fromPosts = posts(doc, blocks, pageContext(doc));
  if (fromPosts && fromPosts.length) return { drafts: fromPosts };
  return listingDrafts(blocks);
}

/** The listing readers that need only text blocks (reference lists, headed entries, prose), not the page's markup. */
export function listingDrafts(blocks: Block[]): SourceOutput {
  const cites = citationEntries(blocks);
  if (cites.length) return { drafts: cites };
  const headed = headedEntries(blocks);
  if (headed.length) {
    // Publications described in the paragraphs after the headed entries ("This special edition: ‘…’").
    return { drafts: [...headed, ...specialIssues(blocks, Math.max(...headed.map((d) => d.order)))] };
  }
  return { drafts: proseEntries(blocks) };
}
