/**
 * Text ⇄ LaTeX for BibTeX and BibLaTeX field values.
 *
 * `encodeLatex` makes plain text safe inside a braced .bib value: every character that TeX or BibTeX reads as
 * markup (`{ } % & $ # _ ~ ^ \ < > |`) becomes a command or an escape, so no exported text can run a LaTeX
 * command (issue 5). With `ascii: true` (classic BibTeX, whose 8-bit sorting and `purify$` only understand
 * accent commands) Latin letters with diacritics become `{\'{e}}`; other scripts stay UTF-8, which every
 * LaTeX since 2018 reads by default. BibLaTeX (biber) reads UTF-8, so it gets the letters as they are.
 *
 * `decodeLatex` turns the LaTeX found in .bib files back into text: accents, escaped specials, the common text
 * symbols, `--`/`---` dashes, and case-protecting braces removed.
 */

/** Accent commands ⇄ Unicode combining marks. */
const ACCENTS: Record<string, string> = {
  '`': '\u0300',
  "'": '\u0301',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  u: '\u0306',
  '.': '\u0307',
  '"': '\u0308',
  r: '\u030a',
  H: '\u030b',
  v: '\u030c',
  d: '\u0323',
  c: '\u0327',
  k: '\u0328',
  b: '\u0331',
};
const COMBINING_TO_ACCENT = new Map(Object.entries(ACCENTS).map(([cmd, mark]) => [mark, cmd]));

/** Letters and symbols that have their own command (no base letter plus accent). */
const SYMBOLS: Record<string, string> = {
  ss: 'ß',
  SS: 'SS',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  o: 'ø',
  O: 'Ø',
  aa: 'å',
  AA: 'Å',
  l: 'ł',
  L: 'Ł',
  i: 'ı',
  j: 'ȷ',
  dj: 'đ',
  DJ: 'Đ',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
  textbackslash: '\\',
  textbraceleft: '{',
  textbraceright: '}',
  textasciitilde: '~',
  textasciicircum: '^',
  textdollar: '$',
  textunderscore: '_',
  textless: '<',
  textgreater: '>',
  textbar: '|',
  textquotedbl: '"',
  textquotedblleft: '\u201c',
  textquotedblright: '\u201d',
  textquoteleft: '\u2018',
  textquoteright: '\u2019',
  textendash: '\u2013',
  textemdash: '\u2014',
  textellipsis: '\u2026',
  ldots: '\u2026',
  dots: '\u2026',
  textsection: '§',
  S: '§',
  P: '¶',
  textparagraph: '¶',
  copyright: '©',
  textcopyright: '©',
  textregistered: '®',
  texttrademark: '™',
  textdegree: '°',
  pounds: '£',
  textsterling: '£',
  texteuro: '€',
  euro: '€',
  guillemotleft: '«',
  guillemotright: '»',
  guillemetleft: '«',
  guillemetright: '»',
  textperiodcentered: '·',
  textexclamdown: '¡',
  textquestiondown: '¿',
  LaTeX: 'LaTeX',
  TeX: 'TeX',
  relax: '',
  '/': '',
  ',': '\u2009',
  ' ': ' ',
};
/** The encoder's table: one command per character, the inverse of SYMBOLS where it is unambiguous. */
const ENCODE_SYMBOL = new Map<string, string>([
  ['\\', '\\textbackslash{}'],
  // BibTeX counts every brace, escaped or not: `\{` would unbalance the value.
  ['{', '\\textbraceleft{}'],
  ['}', '\\textbraceright{}'],
  ['%', '\\%'],
  ['&', '\\&'],
  ['$', '\\$'],
  ['#', '\\#'],
  ['_', '\\_'],
  ['~', '\\textasciitilde{}'],
  ['^', '\\textasciicircum{}'],
  ['<', '\\textless{}'],
  ['>', '\\textgreater{}'],
  ['|', '\\textbar{}'],
  ['"', '{"}'],
]);
const ENCODE_LETTER = new Map<string, string>([
  ['ß', '{\\ss}'],
  ['æ', '{\\ae}'],
  ['Æ', '{\\AE}'],
  ['œ', '{\\oe}'],
  ['Œ', '{\\OE}'],
  ['ø', '{\\o}'],
  ['Ø', '{\\O}'],
  ['ł', '{\\l}'],
  ['Ł', '{\\L}'],
  ['ı', '{\\i}'],
  ['đ', '{\\dj}'],
  ['Đ', '{\\DJ}'],
  ['ð', '{\\dh}'],
  ['Ð', '{\\DH}'],
  ['þ', '{\\th}'],
  ['Þ', '{\\TH}'],
  ['ŋ', '{\\ng}'],
  ['Ŋ', '{\\NG}'],
  ['\u2013', '{\\textendash}'],
  ['\u2014', '{\\textemdash}'],
  ['\u201c', '{\\textquotedblleft}'],
  ['\u201d', '{\\textquotedblright}'],
  ['\u2018', '{\\textquoteleft}'],
  ['\u2019', '{\\textquoteright}'],
]);

const NEEDS_ENCODING = /[{}%&$#_~^\\<>|"'`-]/;
const NEEDS_ENCODING_ASCII = /[{}%&$#_~^\\<>|"'`\-\u0080-\u{10ffff}]/u;

/** Plain text → LaTeX for a braced .bib value. `ascii`: Latin diacritics as accent commands (classic BibTeX). */
export function encodeLatex(text: string, { ascii }: { ascii: boolean }): string {
  if (!(ascii ? NEEDS_ENCODING_ASCII : NEEDS_ENCODING).test(text)) return text;
  let out = '';
  let previous = '';
  for (const char of text) {
    // "--" would print as a dash and '' as a quote: keep the characters apart.
    if (char === previous && (char === '-' || char === "'" || char === '`')) out += '{}';
    previous = char;
    const symbol = ENCODE_SYMBOL.get(char);
    if (symbol !== undefined) {
      out += symbol;
      continue;
    }
    if (!ascii || char.charCodeAt(0) < 0x80) {
      out += char;
      continue;
    }
    out += encodeLetter(char);
  }
  return out;
}

function encodeLetter(char: string): string {
  const own = ENCODE_LETTER.get(char);
  if (own) return own;
  const [base = '', ...marks] = Array.from(char.normalize('NFD'));
  if (marks.length === 0 || !/^[A-Za-z]$/.test(base) || !marks.every((m) => COMBINING_TO_ACCENT.has(m))) return char;
  // Innermost mark first: ǘ = u + ¨ + ´ → {\'{\"{u}}}.
  let letter = base;
  for (const mark of marks) letter = `\\${COMBINING_TO_ACCENT.get(mark)}{${letter}}`;
  return `{${letter}}`;
}

const NEEDS_DECODING = /[\\{}$~`'-]|[^\u0000-\u007f]/;

/**
 * LaTeX → plain text. Braces (case protection) are dropped, accents composed (NFC), escapes and known symbol
 * commands replaced; an unknown command leaves its argument's text. Math shifts `$` are dropped.
 */
export function decodeLatex(value: string): string {
  if (!NEEDS_DECODING.test(value)) return value;
  let out = '';
  let i = 0;
  const n = value.length;
  while (i < n) {
    const ch = value[i]!;
    if (ch === '\\') {
      const [text, next] = readCommand(value, i);
      out += text;
      i = next;
    } else if (ch === '{' || ch === '}' || ch === '$') {
      i++;
    } else if (ch === '~') {
      out += ' ';
      i++;
    } else if (ch === '-' && value[i + 1] === '-') {
      if (value[i + 2] === '-') {
        out += '\u2014';
        i += 3;
      } else {
        out += '\u2013';
        i += 2;
      }
    } else if (ch === '`' && value[i + 1] === '`') {
      out += '\u201c';
      i += 2;
    } else if (ch === "'" && value[i + 1] === "'") {
      out += '\u201d';
      i += 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out.normalize('NFC');
}

/** Reads `\cmd…` at `start`; returns its text and the index after it. */
function readCommand(s: string, start: number): [string, number] {
  let i = start + 1;
  const first = s[i];
  if (first === undefined) return ['', i];
  let name: string;
  if (/[A-Za-z]/.test(first)) {
    let j = i;
    while (j < s.length && /[A-Za-z]/.test(s[j]!)) j++;
    name = s.slice(i, j);
    i = j;
  } else {
    name = first;
    i++;
  }
  const mark = ACCENTS[name];
  const letterCommand = /^[A-Za-z]$/.test(name);
  if (mark !== undefined && (!letterCommand || !(name in SYMBOLS) || peekArgument(s, i))) {
    // Accent: its argument is `{x}`, `\i`, or the next letter (after spaces for letter commands like `\v S`).
    let j = i;
    if (letterCommand) while (s[j] === ' ') j++;
    const [arg, next] = readArgument(s, j);
    const base = arg === 'ı' ? 'i' : arg === 'ȷ' ? 'j' : arg;
    return [base.length > 0 ? base + mark : mark, next];
  }
  if (/^[A-Za-z]+$/.test(name)) {
    // Control words swallow the spaces after them; `{}` after a symbol is an empty group.
    while (s[i] === ' ') i++;
    const symbol = SYMBOLS[name];
    if (symbol !== undefined) {
      if (s[i] === '{' && s[i + 1] === '}') i += 2;
      return [symbol, i];
    }
    // Unknown command (\emph, \textit, \url, …): keep the text of its argument, if any.
    if (s[i] === '{') {
      const [arg, next] = readArgument(s, i);
      return [arg, next];
    }
    return ['', i];
  }
  // Control symbols: \& \% \$ \# \_ \{ \} \\ and friends stand for themselves.
  const symbol = SYMBOLS[name];
  if (symbol !== undefined) return [symbol, i];
  if (name === '\\') return [' ', i];
  return [name, i];
}

function peekArgument(s: string, i: number): boolean {
  return s[i] === '{';
}

/** One argument: a brace group (decoded), a control word (`\i`), or a single character. */
function readArgument(s: string, i: number): [string, number] {
  const ch = s[i];
  if (ch === undefined) return ['', i];
  if (ch === '{') {
    let depth = 0;
    let j = i;
    for (; j < s.length; j++) {
      if (s[j] === '\\') {
        j++;
        continue;
      }
      if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) break;
    }
    return [decodeLatex(s.slice(i + 1, j)), j + 1];
  }
  if (ch === '\\') return readCommand(s, i);
  return [ch, i + 1];
}
