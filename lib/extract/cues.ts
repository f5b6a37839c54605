/**
 * Phrases people use around a publication in running text, in the languages the clipper meets:
 * who published or edited it, who wrote it, when it came out, and which quoted words are its title.
 * Each function reads one sentence-ish string and returns what it states, or nothing.
 */
import { parseDate } from './dates';
import { PERSON_LIST, isOrganisation, parseName, parseNameList } from './names';
import type { DraftName } from './types';

/** Nouns that introduce a publication ("the book “…”", "knjigu „…“", "le rapport « … »"). */
export const PUB_NOUN =
  /\b(?:book|e-?book|report|study|publication|volume|handbook|monograph|compendium|guide|guidebook|almanac|yearbook|annual|brochure|booklet|white paper|paper|anthology|collection|proceedings|issue|edition|novel|textbook|manual|toolkit|journal|magazine|special issue|title|essay|reader|atlas|dictionary|encyclopedia|survey|catalogue|catalog|framework|buch|band|sammelband|studie|bericht|roman|livre|ouvrage|rapport|étude|revue|recueil|libro|informe|estudio|novela|volumen|obra|knjig[aeiu]|monografij[aeiu]|zbornik[a]?|studij[aeu]|publikacij[aeu]|izvješć[ae]|izvještaj[a]?|priručnik[a]?|rapporto|pubblicazione|volume|onderzoek|boek|publicatie|gids)\b/i;
/** Nouns that introduce something that is not a publication (a project, an event, a series…). */
export const NON_PUB_NOUN =
  /\b(?:project|projet|projekt|projekat|conference|congress|programme|program|initiative|lecture|lectures|series|award|prize|exhibition|festival|course|seminar|session|panel|workshop|event|campaign|strategy|convention|declaration|charter|roundtable|round table|symposium|talk|film|movie|show|album|song|game|app|software|website|site|portal|database|network|tagung|konferenz|veranstaltung|colloque|exposition|konferencij[aeu]|predavanj[ae]|izložb[aeu]|platform)\b[^.“"«„]{0,25}$/i;

export const QUOTE_PAIRS: [string, string][] = [
  ['“', '”'],
  ['„', '“'],
  ['„', '”'],
  ['«', '»'],
  ['‘', '’'],
  ['"', '"'],
  ['”', '”'],
  ["'", "'"],
];

export interface QuotedSpan {
  text: string;
  start: number;
  end: number;
}

/** Quoted spans of a text (3–250 characters), with their positions. */
export function quotedSpans(text: string): QuotedSpan[] {
  const out: QuotedSpan[] = [];
  for (const [open, close] of QUOTE_PAIRS) {
    let from = 0;
    while (out.length < 50) {
      const i = text.indexOf(open, from);
      if (i < 0) break;
      // An apostrophe inside a word is not a quote.
      if (open === "'" && i > 0 && /\p{L}/u.test(text[i - 1]!)) {
        from = i + 1;
        continue;
      }
      let j = text.indexOf(close, i + 1);
      if (close === "'" || close === '’') {
        while (j > 0 && j + 1 < text.length && /\p{L}/u.test(text[j + 1]!)) j = text.indexOf(close, j + 1);
      }
      if (j < 0) break;
      const inner = text.slice(i + 1, j).trim();
      if (inner.length >= 3 && inner.length <= 250 && !out.some((o) => o.start <= i && o.end >= j)) out.push({ text: inner, start: i, end: j + 1 });
      from = j + 1;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export const TITLED_CUE = /(?:\b(?:entitled|titled|title[d]?|called|named|intitulée?|intitolat[oa]|titulad[oa]|getiteld|pod naslovom|naslovljen[ae]?|naslova|unter dem titel|mit dem titel|betitelt)\s*:?\s*$)/i;

const ORG_NAME = String.raw`(?:the\s+|l[ae]\s+|l['’]|die\s+|der\s+|das\s+)?(\p{Lu}[\p{L}\p{N}'’&.\-]*(?:\s+(?:(?:of|for|and|the|on|in|at|de|du|des|la|le|für|der|und|i|za|u|e|di|del|della|y|&)\s+)*[\p{Lu}\d(][\p{L}\p{N}'’&.\-)]*){0,10})`;

function cleanOrg(s: string): string | undefined {
  const t = s
    .replace(/\s+/g, ' ')
    .replace(/^(?:the|l[ae]|die|der|das)\s+/i, '')
    .replace(/[\s,.;:]+$/, '')
    .replace(/\s+(?:and|und|et|i|y)$/i, '')
    .trim();
  if (!t || t.length > 150 || t.split(' ').length > 14) return undefined;
  return t;
}

/** The publisher a sentence states ("published by X", "X has released", "publishing house X", "chez X"…). */
export function publisherCue(text: string, fullText = text): string | undefined {
  let m = text.match(/(?:publishing house|publisher|izdavačk[aei] kuć[aei]|maison d['’]édition|casa editrice|editorial|verlag|nakladnik|izdavač)\s*[„“"«]?\s*([\p{Lu}][^„“"»”,.;()]{1,60}?)\s*[“”"»]?(?=[,.;)]|\s+(?:je|has|a|hat|ha|heeft|is|who|which|that|the|published|released|issued)\b|$)/iu);
  if (m) return cleanOrg(m[1]!);
  // A title page's verso: "Published in 2015 by the United Nations …, Scientific and Cultural Organization (UNESCO)".
  m = text.match(/\b(?:First\s+)?[Pp]ublished\s+(?:in\s+(?:1[5-9]\d\d|20\d\d)\s+)?by\s+(?:the\s+)?([^()]{3,160}?)\s*\((\p{Lu}[\p{Lu}\d&-]{1,12})\)/u);
  if (m && isOrganisation(m[1]!)) return m[2];
  m = text.match(new RegExp(String.raw`\b(?:published|issued|produced|released|brought out|publi(?:é|ée|és|ées)|édité|edité|herausgegeben|veröffentlicht|erschienen|publicad[oa]|pubblicat[oa]|objavil[aoi]?|izdal[aoi]?|uitgegeven)\s+(?:in\s+(?:1[5-9]\d\d|20\d\d)\s+)?(?:by|par|von|bei|im|por|da|od|door)\s+${ORG_NAME}`, 'u'));
  if (m) {
    const org = cleanOrg(m[1]!);
    if (org && !/^(?:our|his|her|their)\b/i.test(org)) return org;
  }
  m = text.match(new RegExp(String.raw`\b(?:publi(?:é|ée|és|ées)?\s+)?[Cc]hez\s+(?:l['’]éditeur\s+|le même éditeur,?\s+)?${ORG_NAME}`, 'u'));
  if (m) return cleanOrg(m[1]!);
  m = text.match(new RegExp(String.raw`\b(?:report|study|publication|survey)\s+(?:from|of|by)\s+${ORG_NAME}`, 'u'));
  if (m && isOrganisation(m[1]!)) return cleanOrg(m[1]!);
  // "<Org> has (recently) released/published …", "<Org> released its …", "<Org> is pleased to present …"
  m = text.match(/^(.{2,220}?)\s+(?:has|have)\s+(?:recently\s+|just\s+|now\s+)?(?:released|published|issued|produced|launched|brought out)\b|^(.{2,220}?)\s+(?:released|published|issued|launched)\s+(?:its|their|a|an|the)\b|^(.{2,220}?)\s+(?:is|are)\s+(?:pleased|proud|happy|delighted)\s+to\s+(?:present|announce|publish|release)\b/u);
  if (m) {
    const subject = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    const chunks = subject.split(/,\s+/);
    let pick: string | undefined;
    for (const c of chunks) {
      const t = c.replace(/^(?:the)\s+/i, '');
      if (/^\p{Lu}/u.test(t) && !/^(?:On|In|At|Since|After|Before|Today|Yesterday|This|Last|Recently|Now|Earlier|During|With|As|We|It|He|She|They|I)\b/.test(t) && !parseDate(t, false)) pick = c;
      else if (pick && /^\p{Ll}/u.test(c)) break;
    }
    if (pick) {
      const org = cleanOrg(pick);
      if (org && /^\p{Lu}/u.test(org) && (isOrganisation(org) || /^\p{Lu}{2,}/u.test(org) || org.split(' ').length >= 2)) {
        // "The Foundation has released": resolve the short form to the full name used elsewhere on the page.
        if (org.split(' ').length === 1 && /^the\s/i.test(pick.trim())) {
          const full = fullText.match(new RegExp(String.raw`((?:\p{Lu}[\p{L}'’-]+\s+){1,6}${org})\b`, 'u'));
          if (full) return cleanOrg(full[1]!);
        }
        return org;
      }
    }
  }
  return undefined;
}

const EDITOR_BEFORE = new RegExp(
  String.raw`(?:\b(?:edited|compiled|co-edited|coordinated)\s+by|\bHrsg\.?\s*v\.|\bherausgegeben\s+von|\bsous la direction de|\ba cura di|\beditado por|\beditors?\s*:|\b(?:the\s+)?editor|\bur(?:edio|edila|edili|ednice|ednica|ednik|ednici)|\bkoj[aiue]\s+(?:je|su)\s+uredi(?:o|la|li)|\beds?\.)\s*(?:(?:our own|prof\.?|dr\.?|professor|doc\.?|(?:\p{Lu}{2,}\s+)?staff members?|members?)\s+)*(${PERSON_LIST})`,
  'u',
);
const EDITOR_AFTER = new RegExp(String.raw`(${PERSON_LIST})\s*\(\s*(?:eds?\.?|editors?|dir\.?|hrsg\.?|hg\.?|ur\.?)\s*\)`, 'u');
const EDITORS_OF = new RegExp(String.raw`(${PERSON_LIST})\s+(?:are|were|is|was)\s+(?:the\s+)?(?:\w+\s+)?(?:co-)?editors?\s+of\b`, 'u');

/** Editors a sentence names ("edited by A and B", "(eds. A & B)", "A (editor)", "uredio prof. A"). */
export function editorCue(text: string): DraftName[] {
  let m = text.match(/\bedited by\s+(?:the\s+)?(\p{Lu}[\p{L}'’\-]*(?:\s+\p{Lu}[\p{L}'’\-]*)*\s+(?:Network|Institute|Centre|Center|Foundation|Council|Association|Committee))\b/u);
  if (m) return [{ literal: m[1]! }];
  m = text.match(EDITORS_OF) ?? text.match(EDITOR_BEFORE) ?? text.match(EDITOR_AFTER);
  if (!m) return [];
  const names = parseNameList(m[1]!).filter((n) => !n.literal);
  return names;
}

const AUTHOR_BEFORE = new RegExp(
  String.raw`(?:\b(?:book|novel|study|report|monograph|work|essay|volume|article|paper|libro|livre|Buch|knjig[aeu]|monografij[aeu])\s+(?:written\s+)?by|\bwritten\s+by|\bauthored\s+by|\bčiji\s+je\s+autor(?:ica)?|\bčiji\s+su\s+autori|\b[Aa]utor(?:in|ica)?\s*:|\b[Aa]uthors?\s*:|\b(?:imaginées?|écrit[es]?|coécrit|rédigée?s?|scénario\s+coécrit)\s+par|\bsur un scénario coécrit par|\bpar)\s*(?:(?:dr\.?|prof\.?|professor|akademik)\s+)*(${PERSON_LIST})`,
  'u',
);
const ORG_STUDY = /\b(?:a\s+study|a\s+report|research|een onderzoek|onderzoek|une étude|eine Studie|uno studio|un estudio)\s+(?:by|of|van|de|von|di|del)\s+(?:de\s+|the\s+|la\s+|der\s+)?(\p{Lu}[^.;:]{2,120}?)(?=[.;:]|$)/u;

/** Authors a sentence names ("book by A", "čiji je autor dr A", "a study by X and Y"). */
export function authorCue(text: string): DraftName[] {
  const m = text.match(AUTHOR_BEFORE);
  // "Its introduction is written by …", "translated by …": preface writers and translators are not authors.
  if (m && /\b(?:introduction|preface|foreword|afterword|postface|epilogue|prologue|translat\w*|illustrat\w*|review\w*|einleitung|vorwort|préface|postface|uvod|predgovor|pogovor)\b[^.;]*$/i.test(text.slice(0, m.index ?? 0))) return [];
  if (m) {
    const names = parseNameList(m[1]!).filter((n) => !n.literal);
    // "by A, <appositive>, and B, <appositive>"
    // The appositive starts after the last real name (a role such as "Associate Professor" may have been
    // taken into the list and dropped by parseNameList).
    const last = names.at(-1)?.family;
    const listEnd = (m.index ?? 0) + m[0].length;
    const lastAt = last ? text.lastIndexOf(last, listEnd) : -1;
    const from = lastAt > (m.index ?? 0) ? lastAt + last!.length : listEnd;
    const rest = text.slice(from, from + 400);
    const more = rest.match(new RegExp(String.raw`^,[^.;()]*?,\s+and\s+(${PERSON_LIST})`, 'u'));
    if (more) {
      const extra = parseNameList(more[1]!).filter((n) => !n.literal && !isOrganisation(`${n.given ?? ''} ${n.family ?? ''}`));
      names.push(...extra);
    }
    return names;
  }
  const o = text.match(ORG_STUDY);
  if (o) {
    const parts = o[1]!.split(/\s+(?:and|en|und|et|y|i)\s+(?:de\s+|the\s+)?/);
    const orgs = parts.map((p) => p.trim().replace(/\s+(?:research\s+)?(?:groep|group|gruppe)$/i, '')).filter((p) => /^\p{Lu}/u.test(p));
    if (orgs.length && orgs.every((p) => isOrganisation(p) || /^\p{Lu}[\p{L}]+\p{Lu}/u.test(p) || p.split(' ').length >= 2)) return orgs.map((p) => ({ literal: p }));
  }
  return [];
}

/** A publication date a sentence states ("released on 14 December 2017", "Es erscheint am 14. Juli 2008", "the 2021 book"). */
export function dateCue(text: string): number[] | undefined {
  let m = text.match(/\b(?:released|published|issued|came out|appeared|erscheint|erschien|erschienen|paru|parution|publié|publicado|pubblicato|objavljen[ao]?|izašl[aoi])\s+(?:on|in|am|im|le|en|el|il|u|dne)?\s*([^,;()]{4,30})/i);
  if (m) {
    const d = parseDate(m[1]!);
    if (d) return d;
  }
  m = text.match(/^\s*(?:On|Le|Am|El|Il)\s+([^,]{6,30}),\s+[^.]{0,80}?\b(?:released|published|issued|launched|publié|veröffentlicht)\b/);
  if (m) {
    const d = parseDate(m[1]!, false);
    if (d) return d;
  }
  m = text.match(/\bthe\s+(1[5-9]\d\d|20\d\d)\s+(?:book|report|study|volume|monograph|edition|publication)\b/i);
  if (m) return [Number(m[1])];
  return undefined;
}

export { parseName };
