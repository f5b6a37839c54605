/**
 * Person and organisation names. Persons become `{family, given}` exactly as far as the text gives them
 * (initials stay initials); organisations become `{literal}` (CSL-JSON). Academic titles are dropped.
 */
import type { DraftName } from './types';

const ORG_WORDS =
  /\b(council|network|foundation|fondation|stiftung|institut[eo]?|instituut|university|universit[éàä]t?|universidad|università|sveučilište|centre|center|centro|committee|comit[ée]|organi[sz]ation|organisation|association|agency|ministry|ministère|ministerium|commission|office|press|presses|publishing|publishers?|publications|verlag|editions?|éditions|editorial|group|groep|society|bank|fund|programme|program|department|library|museum|academy|académie|akademie|union|federation|trust|board|college|school|observatory|laboratory|trust|company|corporation|inc|ltd|llc|gmbh|society|secretariat|directorate|forum|alliance|coalition|partnership|project|research|studies|sciences|government|republic|nations|european|international|national|kulturrat|udruga|zavod|savez|matica|fondazione|fundación|fundação|naklada|izdavač|consortium|unesco|oecd)\b/i;

/** True when a name reads as an organisation: an acronym, or a name with an institutional word. */
export function isOrganisation(name: string): boolean {
  const s = name.trim();
  if (!s) return false;
  if (/^[\p{Lu}\d&.-]{2,}$/u.test(s) && /\p{Lu}{2,}/u.test(s)) return true; // UNESCO, EUROCITIES, OECD
  if (ORG_WORDS.test(s)) return true;
  if (/\(\p{Lu}{2,}\)/u.test(s)) return true; // "… (CECA)"
  return false;
}

const TITLES =
  /^(?:(?:prof|dr|doc|mr|mrs|ms|mag|dipl|ing|sc|phil|rer|nat|med|akademik|academician|professor|doctor|sir|dame|hon|rev|mgr|doz|ass|univ|pd|ph\.d|phd|msc|ma|ba|dott|dott\.ssa|sr|sra|mme|m|herr|frau)\.?(?:\s+|(?<=\.)))+/i;

const PARTICLES = new Set(['de', 'da', 'di', 'del', 'della', 'der', 'den', 'van', 'von', 'zu', 'du', 'des', 'la', 'le', 'dos', 'das', 'do', 'ter', 'ten', 'bin', 'ibn', 'al', 'el', 'st.', 'st']);

const isInitial = (t: string) => /^(\p{Lu}\.?(-\p{Lu}\.?)?|\p{Lu}\.\p{Lu}\.?)$/u.test(t);

/** Normalises a shouted family name ("TARRIUS" → "Tarrius"), leaving normal case alone. */
function unshout(s: string): string {
  if (!/\p{Ll}/u.test(s) && /\p{Lu}{2,}/u.test(s)) {
    return s.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
  }
  return s;
}

export function stripTitles(s: string): string {
  let out = s.trim();
  for (let i = 0; i < 3; i++) out = out.replace(TITLES, '').trim();
  return out.replace(/,?\s+(?:ph\.?d\.?|m\.?a\.?|jr\.?|sr\.?)$/i, '').trim();
}

/**
 * Parses one person's name: "Given Family", "Family, Given", "N. Family", "Family" alone. A three-word
 * name without initials keeps the last two words as family name (compound surnames are common in the
 * languages this clipper meets: "Hebrang Grgić", "Jangène Vilmer").
 */
export function parsePerson(raw: string): DraftName | null {
  let s = stripTitles(raw.replace(/\s+/g, ' ').replace(/[.,;:]+$/, (m) => (m.startsWith('.') && /\b\p{Lu}$/u.test(raw.replace(/[.,;:]+$/, '')) ? '.' : '')));
  s = s.replace(/^(?:and|und|et|y|i|e)\s+/i, '').trim();
  if (!s || s.length > 80) return null;
  if (/\d|@|https?:/.test(s)) return null;
  if (s.includes(',')) {
    let [family, given] = s.split(',', 2).map((x) => x.trim());
    if (!family) return null;
    // "Jong, Michiel de" (particle moved behind the given name, as catalogues sort): the family name is "de Jong".
    const particle = given?.match(/\s+((?:(?:van|von|de|der|den|da|di|du|del|della|la|le|ter|ten|zu)\s*)+)$/);
    if (particle && given) {
      family = `${particle[1]!.trim()} ${family}`;
      given = given.slice(0, particle.index).trim();
    }
    return given ? { family: unshout(family), given } : { family: unshout(family) };
  }
  const tokens = s.split(' ').filter(Boolean);
  if (tokens.length === 1) return { family: unshout(tokens[0]!) };
  if (tokens.length > 5) return null;
  // "de Jong", "von Zastrow": a particle starts the family name.
  let cut = tokens.length - 1;
  for (let i = 1; i < tokens.length - 1; i++) {
    if (PARTICLES.has(tokens[i]!.toLowerCase())) {
      cut = i;
      break;
    }
  }
  if (cut === tokens.length - 1 && tokens.length === 3 && !tokens.some(isInitial)) cut = 1;
  // A shouted surname (French style "Alain TARRIUS") marks where the family name starts.
  const shouted = tokens.findIndex((t, i) => i > 0 && /^\p{Lu}{2,}[\p{Lu}'’-]*$/u.test(t));
  if (shouted > 0) cut = shouted;
  const given = tokens.slice(0, cut).join(' ');
  const family = tokens.slice(cut).join(' ');
  return { family: unshout(family), given: unshout(given) };
}

/** Words that name a role, never a family name ("Associate Professor", "Visiting Professor", "Director"). */
const ROLE = /^(?:professor|associate|assistant|visiting|lecturer|director|fellow|researcher|editor|chair|dean|secretary|president|coordinator|curator|head|member|staff|team|author)s?$/i;

/** A name as person or organisation. */
export function parseName(raw: string): DraftName | null {
  const s = raw.replace(/\s+/g, ' ').trim().replace(/^(?:the)\s+/i, (m) => (isOrganisation(raw) ? m : m));
  if (!s) return null;
  if (isOrganisation(s)) return { literal: s.replace(/[.,;:]+$/, '') };
  return parsePerson(s);
}

/** Splits "A, B and C" / "A & B" / "A und B" / "A i B" / "A et B" into names. */
export function parseNameList(raw: string, max = 100): DraftName[] {
  const s = raw
    .replace(/\s+/g, ' ')
    .replace(/\s*(?:,\s*)?(?:\band\b|&|\bund\b|\bet\b|\by\b|\bi\b|\be\b|\bsowie\b|\ben\b)\s*(?:and\s+)?/g, ';')
    .trim();
  const parts = s.split(/\s*;\s*|\s*,\s*(?=\p{Lu})/u).filter(Boolean);
  const out: DraftName[] = [];
  for (const p of parts) {
    const n = parseName(p);
    if (n && n.family && ROLE.test(n.family)) continue;
    if (n) out.push(n);
    if (out.length >= max) break;
  }
  return out;
}

/** A run of capitalised name words ("Máté Kovacs", "N. Švob-Djokić", "Jean-Baptiste Jangène Vilmer"). */
// A full word never swallows a full stop: "… Jean-François Rochas. Chez …" ends the name at the sentence.
export const NAME_WORD = String.raw`(?:\p{Lu}\p{Ll}?\.(?:-?\p{Lu}\.)*|\p{Lu}[\p{Ll}\p{Lu}'’\-]*)`;
export const PERSON = String.raw`${NAME_WORD}(?:\s+(?:(?:de|da|van|von|der|den|di|du|la|le|ter|d['’])\s*)?${NAME_WORD}){1,3}`;
const TITLE_PREFIX = String.raw`(?:(?:prof|dr|doc|mr|mrs|ms|mag|akademik|professor|sc|dipl|ing)\.?\s+)*`;
/** One or more persons joined by commas and and/&/und/i/et/y. */
export const PERSON_LIST = String.raw`${TITLE_PREFIX}${PERSON}(?:\s*(?:,|,?\s+(?:and|&|und|i|et|y|e)\s+|&)\s*${TITLE_PREFIX}${PERSON})*`;
