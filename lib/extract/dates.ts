/**
 * Dates as people write them, in English, French, German, Spanish, Italian, Dutch, Portuguese and
 * Croatian/Serbian/Bosnian, and as machines write them (ISO, `2017/06/12`, `2019年04月`). Returns CSL
 * date parts `[year, month?, day?]`, or null for anything impossible.
 */
const MONTHS: Record<string, number> = {};
const NAMES: [number, string[]][] = [
  [1, ['january', 'jan', 'janvier', 'janv', 'januar', 'jänner', 'enero', 'ene', 'gennaio', 'gen', 'januari', 'janeiro', 'siječanj', 'siječnja', 'sijecanj', 'januara', 'јануар']],
  [2, ['february', 'feb', 'février', 'fevrier', 'févr', 'februar', 'febrero', 'febbraio', 'februari', 'fevereiro', 'veljača', 'veljače', 'februara', 'фебруар']],
  [3, ['march', 'mar', 'mars', 'märz', 'marz', 'marzo', 'maart', 'março', 'ožujak', 'ožujka', 'mart', 'marta', 'март']],
  [4, ['april', 'apr', 'avril', 'abril', 'aprile', 'travanj', 'travnja', 'aprila', 'април']],
  [5, ['may', 'mai', 'mayo', 'maggio', 'mei', 'maio', 'svibanj', 'svibnja', 'maj', 'maja', 'мај']],
  [6, ['june', 'jun', 'juin', 'juni', 'junio', 'giugno', 'junho', 'lipanj', 'lipnja', 'juna', 'јун']],
  [7, ['july', 'jul', 'juillet', 'juli', 'julio', 'luglio', 'julho', 'srpanj', 'srpnja', 'jula', 'јул']],
  [8, ['august', 'aug', 'août', 'aout', 'agosto', 'augustus', 'kolovoz', 'kolovoza', 'avgust', 'avgusta', 'augusta', 'август']],
  [9, ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'setembro', 'rujan', 'rujna', 'septembar', 'septembra', 'септембар']],
  [10, ['october', 'oct', 'octobre', 'oktober', 'octubre', 'ottobre', 'outubro', 'listopad', 'listopada', 'oktobar', 'oktobra', 'октобар']],
  [11, ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'studeni', 'studenoga', 'novembar', 'novembra', 'новембар']],
  [12, ['december', 'dec', 'décembre', 'decembre', 'dezember', 'diciembre', 'dicembre', 'dezembro', 'prosinac', 'prosinca', 'decembar', 'decembra', 'децембар']],
];
for (const [n, names] of NAMES) for (const name of names) MONTHS[name] = n;
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

export const MONTH_PATTERN = `(?:${MONTH_ALT})\\.?`;

export function monthNumber(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')];
}

const MIN_YEAR = 1450;
const MAX_YEAR = 2100;

function valid(y: number, m?: number, d?: number): number[] | null {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) return null;
  if (m === undefined) return [y];
  if (!Number.isInteger(m) || m < 1 || m > 12) return [y];
  if (d === undefined) return [y, m];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (!Number.isInteger(d) || d < 1 || d > days) return [y, m];
  return [y, m, d];
}

const RE_ISO = /\b(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?\b/;
const RE_DMY_NUM = /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/;
const RE_DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th|er|º|\\.)?\\s+(?:de\\s+)?(${MONTH_ALT})\\.?,?\\s+(?:de\\s+)?(\\d{4})\\b`, 'i');
const RE_MDY = new RegExp(`\\b(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const RE_MY = new RegExp(`\\b(${MONTH_ALT})\\.?,?\\s+(\\d{4})\\b`, 'i');
const RE_CJK = /(\d{4})年\s*(\d{1,2})月(?:\s*(\d{1,2})日)?/;
const RE_Y = /\b(1[5-9]\d\d|20\d\d)\b/;

/** Parses the first date in a text. Machine formats first, then written ones, then a bare year. */
export function parseDate(text: string, allowBareYear = true): number[] | null {
  if (!text) return null;
  const s = text.slice(0, 300);
  let m = s.match(RE_CJK);
  if (m) return valid(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined);
  m = s.match(RE_ISO);
  if (m && Number(m[2]) <= 12) return valid(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : undefined);
  m = s.match(RE_DMY);
  if (m) return valid(Number(m[3]), monthNumber(m[2]!), Number(m[1]));
  m = s.match(RE_MDY);
  if (m) return valid(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
  m = s.match(RE_DMY_NUM);
  if (m) return valid(Number(m[3]), Number(m[2]), Number(m[1]));
  m = s.match(RE_MY);
  if (m) return valid(Number(m[2]), monthNumber(m[1]!));
  if (!allowBareYear) return null;
  m = s.match(RE_Y);
  return m ? valid(Number(m[1])) : null;
}
