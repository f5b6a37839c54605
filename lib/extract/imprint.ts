/**
 * Bibliographic lines written by hand: "By EUROCITIES, Brussels, 2017, 26 pages", "Paris, UNESCO, 2015, 235 p.",
 * "Zagreb: IMO, 2004, 180 pp.", "Edited by …", "Hrsg. v. … und …", "166 Seiten, ISBN: …", "xii + 256 pp.".
 * Shared by the announcement and listing sources.
 */
import { MONTH_PATTERN, parseDate } from './dates';
import { findDois, findIssns, labelledIsbns, findIsbns } from './identifiers';
import { isOrganisation, parseName, parseNameList } from './names';
import type { DraftName } from './types';

export interface Imprint {
  author?: DraftName[];
  editor?: DraftName[];
  publisher?: string;
  place?: string;
  issued?: number[];
  pages?: string;
  page?: string;
  ISBN?: string;
  ISSN?: string;
  DOI?: string;
  edition?: string;
  /** How bibliographic the line looks: 0 = not at all; ≥ 2 = a real imprint. */
  score: number;
}

const PAGE_WORDS = String.raw`(?:pages?|pp\.?|p\.|pgs?\.?|S\.|Seiten|págs?\.?|pág\.|pagine|pag\.|str\.|stranica|stranice|strana|стр\.|страница|sider|sidor|blz\.?|ページ|頁)`;
const PAGE_COUNT = new RegExp(String.raw`(?:^|[\s,;(])((?:[ivxlcdm]+\s*(?:\+|,)\s*)?(\d{1,5}))\s*(?:\+\s*[ivxlcdm]+\s*)?${PAGE_WORDS}(?=$|[\s,;.)])`, 'i');
const PP_COUNT = /(?:^|[\s,;(])pp\.?\s*(\d{1,5})(?![\d–-])/i;
const PAGE_RANGE = /\bpp?\.?\s*(\d{1,5}\s*[-–]\s*\d{1,5})\b/i;

/** Well-known places of publication (capitals and publishing cities), for telling "Paris, UNESCO" from "OCPA, Maputo". */
const PLACES = new Set(
  (
    'london oxford cambridge oxon abingdon basingstoke new york boston chicago washington princeton berkeley san francisco los angeles ' +
    'toronto montreal montréal ottawa vancouver sydney melbourne canberra auckland wellington paris lyon versailles toulouse marseille ' +
    'bordeaux lille rennes grenoble nantes strasbourg brussels bruxelles brussel leuven antwerp amsterdam rotterdam utrecht the hague ' +
    'den haag leiden berlin munich münchen frankfurt hamburg cologne köln koln bonn stuttgart leipzig dresden wiesbaden heidelberg ' +
    'göttingen bielefeld vienna wien salzburg graz zurich zürich geneva genève bern basel lausanne milan milano rome roma turin torino ' +
    'florence firenze bologna naples venice madrid barcelona seville valencia lisbon lisboa porto coimbra athens sofia bucharest budapest ' +
    'prague praha warsaw warszawa krakow kraków bratislava ljubljana zagreb split rijeka osijek belgrade beograd novi sad sarajevo mostar ' +
    'skopje podgorica tirana pristina chisinau kyiv kiev moscow saint petersburg riga vilnius tallinn helsinki stockholm oslo copenhagen ' +
    'reykjavik dublin edinburgh glasgow cardiff belfast manchester leeds birmingham bristol brighton istanbul ankara cairo nairobi ' +
    'johannesburg cape town pretoria dakar lagos accra maputo harare addis ababa tunis rabat algiers beirut tehran delhi new delhi mumbai ' +
    'kolkata bangalore beijing shanghai hong kong tokyo kyoto osaka seoul singapore bangkok manila jakarta kuala lumpur ' +
    'mexico buenos aires santiago lima bogotá bogota caracas são paulo sao paulo rio de janeiro montevideo quito havana luxembourg ' +
    'monaco valletta nicosia thessaloniki albany cambridge, ma amherst ithaca new haven baltimore philadelphia pittsburgh ann arbor ' +
    'minneapolis austin durham chapel hill stanford seattle thousand oaks newbury park lanham westport santa barbara los angeles ' +
    'london and new york new york and london farnham aldershot cheltenham bingley bristol bern frankfurt am main'
  )
    .split(' ')
    .filter(Boolean),
);
const MULTI_PLACES = ['new york', 'san francisco', 'los angeles', 'the hague', 'den haag', 'novi sad', 'saint petersburg', 'cape town', 'addis ababa', 'new delhi', 'hong kong', 'kuala lumpur', 'buenos aires', 'são paulo', 'sao paulo', 'rio de janeiro', 'new haven', 'ann arbor', 'chapel hill', 'thousand oaks', 'newbury park', 'santa barbara', 'frankfurt am main'];

// Words that are only pieces of multi-word places ("the" of The Hague, "new" of New York) are not places.
for (const part of [...MULTI_PLACES, 'cambridge, ma', 'london and new york', 'new york and london'].flatMap((p) => p.split(' '))) {
  if (!['york', 'delhi', 'frankfurt', 'cambridge,', 'london'].includes(part)) PLACES.delete(part);
}

export function isKnownPlace(s: string): boolean {
  const t = s.toLowerCase().replace(/\s*,\s*[a-z]{2}\.?$/i, '').replace(/[.\s]+$/, '').trim();
  if (MULTI_PLACES.includes(t)) return true;
  if (/\s(?:and|&)\s/.test(t)) return t.split(/\s(?:and|&)\s/).every((p) => isKnownPlace(p));
  return !t.includes(' ') && PLACES.has(t);
}

/** A segment that could be a town: one or two capitalised words, or "Town, ST". */
function looksLikePlace(s: string): boolean {
  if (isKnownPlace(s)) return true;
  if (isOrganisation(s)) return false;
  return /^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?(?:,\s*\p{Lu}{2})?$/u.test(s.trim());
}

const EDITOR_CUE = /^(?:(?:edited|compiled|co-edited|ed\.|eds\.)\s+by|hrsg\.?\s*(?:v\.|von)?|herausgegeben\s+von|sous la direction de|sous la dir\.? de|a cura di|coordinated by|editors?\s*:|editor\s*:|urednic[ai]\s*:?|uredio|uredila|uredili|edición de)\s*/i;
const AUTHOR_CUE = /^(?:by|par|de|von|door|di|autor(?:in|en)?\s*:|author\s*:|authors\s*:|auteurs?\s*:|written by)\s+/i;
const EDITOR_SUFFIX = /\s*[([]?\s*(?:eds?|dir|hrsg|hg|coord|ur|(?:red))\.?\s*[)\]]?\.?$/i;

/** Splits "X, Y; Z" outside parentheses. */
function splitSegments(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ',' || ch === ';' || ch === '\n')) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

const NAME_LIKE = /^(?:(?:and|&)\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:de|da|van|von|der|den|di|du|la|le|ter)\s+)?\p{Lu}[\p{L}'’.-]*){1,3}$/u;

/**
 * How many comma segments after `at` continue the name list that starts there: "Editors: A B, C D, E F and G H".
 * A list runs on only when it closes with "and"/"&" ("A, B and C"), so "By A, Santa Cruz, 2019" keeps its town.
 */
function nameListRun(segments: string[], at: number): number {
  let run = 0;
  let closed = false;
  for (let j = at + 1; j < segments.length && j <= at + 20; j++) {
    const parts = segments[j]!.replace(/[.\s]+$/, '').split(/\s+(?:and|&|und|et|i|y)\s+|^(?:and|&)\s+/).filter(Boolean);
    if (!parts.length || !parts.every((p) => NAME_LIKE.test(p.trim()) && !isKnownPlace(p) && !isOrganisation(p))) break;
    if (/(?:^|\s)(?:and|&|und|et|i|y)\s/.test(segments[j]!)) {
      run = j - at;
      closed = true;
      break;
    }
  }
  return closed ? run : 0;
}

/** Parses a hand-written imprint / bibliographic line. */
export function parseImprint(line: string): Imprint {
  const out: Imprint = { score: 0 };
  let s = ` ${line.replace(/\s+/g, ' ').trim()} `;
  if (s.length > 400) return out;
  // Picture and production credits ("Front cover: The British pavilion at the Expo, 2010") are no imprint.
  if (/^\s*(?:(?:front|back)\s+)?(?:cover|photo|photograph|image|illustration|picture|credits?|design|layout|translation)(?:\s+(?:photo|image|illustration|picture|design))?\s*:/i.test(s)) return out;
  // A line that is only a date ("December 25, 2017") is a post's date, not an imprint.
  if (s.length < 45 && parseDate(s, false) && s.replace(new RegExp(`${MONTH_PATTERN}|\\d+|[.,/\\s-]|st|nd|rd|th|of|the|de`, 'gi'), '').length <= 2) return out;

  const isbns = labelledIsbns(s);
  if (isbns.length) {
    out.ISBN = isbns[0];
    out.score += 2;
    s = s.replace(/\bISBN(?:-1[03])?\s*[:：]?\s*[\dXx][\dXx\s-]{8,20}[\dXx]/g, ' ');
  }
  const issns = findIssns(s);
  if (issns.length) {
    out.ISSN = issns[0];
    out.score += 1;
    s = s.replace(/\b(?:e-?)?ISSN\s*[:：]?\s*\d{4}-?\d{3}[\dXx]/g, ' ');
  }
  const dois = findDois(s);
  if (dois.length) {
    out.DOI = dois[0];
    out.score += 2;
    s = s.replace(/(?:doi\s*:?\s*|https?:\/\/(?:dx\.)?doi\.org\/)?10\.\d{4,9}\/\S+/gi, ' ');
  }
  const range = s.match(PAGE_RANGE);
  if (range) {
    out.page = range[1]!.replace(/\s/g, '');
    s = s.replace(PAGE_RANGE, ' ');
  }
  const count = s.match(PAGE_COUNT) ?? s.match(PP_COUNT);
  if (count) {
    const n = count[2] ?? count[1];
    if (n && Number(n) > 0) {
      out.pages = String(Number(n));
      out.score += 2;
    }
    s = s.replace(count[0], ' , ');
  }
  s = s.replace(/\b(?:illus|ill|fig|tab|tabl|maps?|graph)\.(?=\s|,|$)/gi, ' ');
  const ed = s.match(/\((\d{1,2})\.?\s*(?:Auflage|Aufl\.|ed\.|edition|édition|izdanje)\)|\b(\d{1,2})(?:st|nd|rd|th|\.)\s*(?:edition|ed\.|Auflage|Aufl\.|édition|izdanje)/i);
  if (ed) {
    out.edition = ed[1] ?? ed[2];
    s = s.replace(ed[0], ' ');
  }
  // Prices are not bibliographic.
  s = s.replace(/\([^)]*(?:€|\$|£|CHF|EUR|USD|kn|din)[^)]*\)/gi, ' ').replace(/(?:€|\$|£)\s*\d+(?:[.,]\d+)?|\d+(?:[.,]\d+)?\s*(?:€|EUR|USD|CHF|kn|din)\b/gi, ' ');

  const segments = splitSegments(s);
  const plain: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!.replace(/^[.\s]+|[\s.]+$/g, '').trim();
    if (!seg) continue;
    const colon = seg.match(/^(.+?)\s*:\s*(.+)$/);
    let m: RegExpMatchArray | null;
    if ((m = seg.match(EDITOR_CUE)) && seg.length > m[0].length) {
      const run = nameListRun(segments, i);
      const names = parseNameList([seg.slice(m[0].length), ...segments.slice(i + 1, i + 1 + run)].join(', '));
      i += run;
      if (names.length) {
        out.editor = [...(out.editor ?? []), ...names];
        out.score += 1;
      }
      continue;
    }
    if ((m = seg.match(AUTHOR_CUE)) && seg.length > m[0].length && /^\p{Lu}/u.test(seg.slice(m[0].length))) {
      const run = nameListRun(segments, i);
      const names = parseNameList([seg.slice(m[0].length), ...segments.slice(i + 1, i + 1 + run)].join(', '));
      i += run;
      if (names.length) {
        out.author = [...(out.author ?? []), ...names];
        out.score += 1;
      }
      continue;
    }
    if (EDITOR_SUFFIX.test(seg) && /\p{Lu}/u.test(seg) && /[([]|\b(?:eds?|dir|hrsg|hg)\.?\)?$/i.test(seg)) {
      const names = parseNameList(seg.replace(EDITOR_SUFFIX, ''));
      if (names.length) {
        out.editor = [...(out.editor ?? []), ...names];
        out.score += 1;
        continue;
      }
    }
    const date = parseDate(seg, false) ?? (/^\s*(?:\(?\s*(1[5-9]\d\d|20\d\d)\s*\)?|©\s*(1[5-9]\d\d|20\d\d))\s*$/.test(seg) ? parseDate(seg) : null);
    if (date && seg.replace(new RegExp(`${MONTH_PATTERN}|\\d+|[.,/\\s-]|de|of|the`, 'gi'), '').length <= 2) {
      if (!out.issued) {
        out.issued = date;
        out.score += 1;
      }
      continue;
    }
    if (colon && !/\d/.test(colon[1]!) && (looksLikePlace(colon[1]!) || /^\p{Lu}{2}$/u.test(colon[1]!)) && colon[2]!.split(' ').length <= 8 && /^\p{Lu}/u.test(colon[2]!)) {
      // "Zagreb: IMO" / "Albany, NY: State University of New York" (the place may have been split off by a comma)
      const prevPlace = plain.length && /^\p{Lu}{2}$/u.test(colon[1]!) ? `${plain.pop()}, ${colon[1]}` : colon[1]!;
      out.place = prevPlace;
      out.publisher = colon[2]!.replace(/\s*\(\s*(?:1[5-9]\d\d|20\d\d)\s*\)\s*$/, '').trim();
      const trailingYear = colon[2]!.match(/\b(1[5-9]\d\d|20\d\d)\b/);
      if (trailingYear && !out.issued) {
        out.issued = [Number(trailingYear[1])];
        out.publisher = colon[2]!.replace(trailingYear[0], '').replace(/[\s.,()]+$/, '').trim();
      }
      out.score += 2;
      continue;
    }
    plain.push(seg);
  }
  // Prose is not an imprint: many ordinary words left over mean a sentence that happens to hold a number.
  const proseWords = (t: string) => t.split(/\s+/).filter((w) => /^\p{Ll}{3,}$/u.test(w) && !/^(?:of|for|and|the|de|du|des|la|le|und|der|für|di|del|della|y|i|u|za)$/.test(w)).length;
  const leftoverWords = proseWords(plain.join(' '));
  // What is left are names of bodies and towns, in either order.
  const kept = plain.filter((p) => (/^\p{Lu}/u.test(p) || /^(?:éditions|editions|ed\.)\s/i.test(p)) && !/\d{3,}/.test(p) && p.length <= 120 && p.split(' ').length <= 12 && proseWords(p) <= 3);
  if (kept.length && kept.length <= 3) {
    const places = kept.filter((p) => isKnownPlace(p));
    const bodies = kept.filter((p) => !places.includes(p));
    if (!out.place && places.length) out.place = places[0];
    if (!out.publisher) {
      const body = bodies.find((b) => !looksLikePlace(b) || isOrganisation(b)) ?? (bodies.length === 2 ? bodies[1] : bodies.length === 1 && out.place ? bodies[0] : undefined);
      if (body) out.publisher = body;
      if (!out.place) {
        const other = bodies.find((b) => b !== body && looksLikePlace(b));
        if (other) out.place = other;
      }
    }
    if (out.publisher) out.score += 1;
  }
  if (leftoverWords > 3) out.score = Math.min(out.score, 1);
  // "Dana Foundation, 01 August 2002, USA": a day-precise date with nothing else bibliographic is a news
  // dateline (source, date, country); imprints give a year or a month.
  if (out.issued?.length === 3 && !out.pages && !out.ISBN && !out.DOI && !out.ISSN && !out.author && !out.editor && !/:/.test(line)) {
    out.score = Math.min(out.score, 1);
  }
  // "By EUROCITIES, Brussels, 2017": a body that heads the imprint as its author is also its publisher
  // (corpus README, rule 5); persons never are.
  if (!out.publisher && out.author?.length === 1 && out.author[0]!.literal && /^\s*by\s/i.test(line) && (out.place || out.issued || out.pages)) {
    out.publisher = out.author[0]!.literal;
  }
  return out;
}

/** True when a line is a bibliographic line rather than prose. */
export function isImprintLine(line: string, imprint: Imprint = parseImprint(line)): boolean {
  if (line.length > 300) return false;
  if (imprint.score >= 3) return true;
  if (imprint.score >= 2 && (imprint.pages || imprint.ISBN || imprint.editor || imprint.author || imprint.issued) && line.length < 160) return true;
  return false;
}

export { parseName, findIsbns };
