/**
 * A forgiving .bib reader (BibTeX and BibLaTeX share the syntax): entries, `@string` macros with `#`
 * concatenation, `@comment` and `@preamble` skipped, text between entries ignored as BibTeX does.
 *
 * Every entry is read on its own, so a broken one costs only itself: it is reported with its line and the
 * reason, and reading resumes at the next line that starts with `@`. Braces are counted as BibTeX counts them
 * (a backslash does not escape a brace). An entry whose braces never close is recognised when the next entry
 * starts inside it, so one missing brace does not swallow the rest of the file.
 */
import { MONTHS } from './dates';
import type { RawBibEntry } from './bib-fields';

export interface BibProblem {
  line: number;
  key?: string;
  reason: string;
}

export interface BibParseResult {
  entries: RawBibEntry[];
  /** Entries that could not be read. */
  errors: BibProblem[];
  /** Entries read with a doubt (duplicate keys or fields, unknown macros). */
  warnings: BibProblem[];
}

class BibSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const IDENT = /[^\s"#%'(),={}@\\~]+/y;
const ENTRY_TYPE = /[A-Za-z]+/y;
const NEXT_ENTRY = /\n[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]/y;

/** Parses .bib text into raw entries, errors and warnings (line numbers are 1-based). */
export function parseBib(text: string): BibParseResult {
  const lines = lineStarts(text);
  const lineOf = (offset: number) => lineAt(lines, offset);
  const entries: RawBibEntry[] = [];
  const errors: BibProblem[] = [];
  const warnings: BibProblem[] = [];
  const macros = new Map<string, string>(MONTHS.map((m, i) => [m, String(i + 1)]));
  const keyLines = new Map<string, number>();
  let pos = 0;

  for (;;) {
    const at = text.indexOf('@', pos);
    if (at < 0) break;
    let i = skipSpace(text, at + 1);
    ENTRY_TYPE.lastIndex = i;
    const type = ENTRY_TYPE.exec(text)?.[0];
    if (!type) {
      pos = at + 1;
      continue;
    }
    i = skipSpace(text, i + type.length);
    const open = text[i];
    if (open !== '{' && open !== '(') {
      pos = at + 1;
      continue;
    }
    const close = open === '{' ? '}' : ')';
    const kind = type.toLowerCase();
    const entryLine = lineOf(at);
    let key: string | undefined;
    try {
      if (kind === 'comment') {
        pos = skipGroup(text, i);
        continue;
      }
      if (kind === 'preamble') {
        const [, end] = readValue(text, skipSpace(text, i + 1), macros, () => {});
        pos = expectClose(text, end, close);
        continue;
      }
      if (kind === 'string') {
        const fields = new Map<string, string>();
        pos = readFields(text, i + 1, close, fields, macros, () => {});
        for (const [name, value] of fields) macros.set(name, value);
        continue;
      }
      // The key runs to the first comma (or the end of an entry with no fields).
      const keyStart = skipSpace(text, i + 1);
      let keyEnd = keyStart;
      while (keyEnd < text.length && !',}\n'.includes(text[keyEnd]!) && text[keyEnd] !== close) keyEnd++;
      key = text.slice(keyStart, keyEnd).trim();
      const fields = new Map<string, string>();
      const doubts: string[] = [];
      const start = text[keyEnd] === ',' ? keyEnd + 1 : keyEnd;
      const end = readFields(text, start, close, fields, macros, (d) => doubts.push(d));
      const junk = junkAfter(text, end);
      if (junk !== undefined) throw new BibSyntaxError(junk, 'unbalanced braces: text continues after the entry closed');
      pos = end;
      const entry: RawBibEntry = { type: kind, key, fields, line: entryLine };
      entries.push(entry);
      const seen = keyLines.get(key);
      if (key && seen !== undefined) doubts.push(`duplicate key "${key}" (first at line ${seen}); both entries kept`);
      else if (key) keyLines.set(key, entryLine);
      for (const reason of doubts) warnings.push({ line: entryLine, key, reason });
    } catch (error) {
      if (!(error instanceof BibSyntaxError)) throw error;
      errors.push({ line: entryLine, ...(key ? { key } : {}), reason: `${error.message} (line ${lineOf(error.offset)})` });
      pos = resumeAt(text, at + 1);
    }
  }
  return { entries, errors, warnings };
}

/** Reads `name = value` pairs up to the closing character; returns the index after it. */
function readFields(
  text: string,
  start: number,
  close: string,
  fields: Map<string, string>,
  macros: Map<string, string>,
  doubt: (reason: string) => void,
): number {
  let i = start;
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length) throw new BibSyntaxError(i, 'entry not closed before the end of the file');
    if (text[i] === close) return i + 1;
    if (text[i] === ',') {
      i++;
      continue;
    }
    IDENT.lastIndex = i;
    const name = IDENT.exec(text)?.[0];
    if (!name) throw new BibSyntaxError(i, `expected a field name, found "${text.slice(i, i + 10)}"`);
    i = skipSpace(text, i + name.length);
    if (text[i] !== '=') throw new BibSyntaxError(i, `expected "=" after field "${name}"`);
    const [value, end] = readValue(text, skipSpace(text, i + 1), macros, doubt);
    const field = name.toLowerCase();
    if (fields.has(field)) doubt(`field "${field}" given twice; the first is kept`);
    else fields.set(field, value);
    i = skipSpace(text, end);
    if (text[i] !== ',' && text[i] !== close) {
      throw new BibSyntaxError(i, i >= text.length ? 'entry not closed before the end of the file' : `expected "," or "${close}" after field "${field}"`);
    }
  }
}

/** A value: `{…}`, `"…"`, a number or a macro, joined by `#`. Returns the raw text and the index after it. */
function readValue(text: string, start: number, macros: Map<string, string>, doubt: (reason: string) => void): [string, number] {
  let i = start;
  let value = '';
  for (;;) {
    const ch = text[i];
    if (ch === '{') {
      const end = skipGroup(text, i);
      value += text.slice(i + 1, end - 1);
      i = end;
    } else if (ch === '"') {
      const end = skipQuoted(text, i);
      value += text.slice(i + 1, end - 1);
      i = end;
    } else {
      IDENT.lastIndex = i;
      const word = IDENT.exec(text)?.[0];
      if (!word) throw new BibSyntaxError(i, i >= text.length ? 'entry not closed before the end of the file' : 'expected a value');
      if (/^\d+$/.test(word)) value += word;
      else {
        const macro = macros.get(word.toLowerCase());
        if (macro === undefined) doubt(`unknown macro "${word}" read as text`);
        value += macro ?? word;
      }
      i += word.length;
    }
    const next = skipSpace(text, i);
    if (text[next] !== '#') return [value, i];
    i = skipSpace(text, next + 1);
  }
}

/** Index after the brace group opening at `start`. */
function skipGroup(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (--depth === 0) return i + 1;
    } else if (ch === '\n') checkNextEntry(text, i);
  }
  throw new BibSyntaxError(text.length, 'unbalanced braces: entry not closed before the end of the file');
}

function skipQuoted(text: string, start: number): number {
  let depth = 0;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === '"' && depth === 0) return i + 1;
    else if (ch === '\n') checkNextEntry(text, i);
  }
  throw new BibSyntaxError(text.length, 'unterminated quoted value before the end of the file');
}

/** Inside a value, a line that starts a new entry means this one never closed. */
function checkNextEntry(text: string, newline: number): void {
  NEXT_ENTRY.lastIndex = newline;
  if (NEXT_ENTRY.test(text)) throw new BibSyntaxError(newline + 1, 'unbalanced braces: entry not closed before the next entry');
}

function expectClose(text: string, i: number, close: string): number {
  const j = skipSpace(text, i);
  if (text[j] !== close) throw new BibSyntaxError(j, `expected "${close}"`);
  return j + 1;
}

/** Offset of stray field-like text right after an entry closed (on the same line), if any. */
function junkAfter(text: string, end: number): number | undefined {
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const rest = text.slice(end, lineEnd);
  const at = rest.search(/[=}]/);
  return at >= 0 && !rest.slice(0, at).includes('@') ? end + at : undefined;
}

/** After a broken entry: the next `@` that starts a line. */
function resumeAt(text: string, from: number): number {
  const re = /\n[ \t]*@/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index + m[0].length - 1 : text.length;
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    // space, \t \n \v \f \r, NBSP, BOM; NaN past the end stops the loop.
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff) i++;
    else return i;
  }
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of `offset`, by binary search over line starts. */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
