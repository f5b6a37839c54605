/**
 * The import front door: bytes → text (encoding detected), text → entries validated with zod, each entry
 * independent of the others. A malformed entry is reported with its line and reason; every valid entry is kept.
 *
 * The library page reads a file in chunks as it goes (`readImportChunks`), saving the first while the rest of a
 * large file is still being read; the command line reads it whole (`parseImport`). De-duplication against the
 * library is the library's job.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships no messages; an import report is read by people, so this lazily loaded module installs English ones.
z.config(en());
import { cslItemSchema, libraryRecordSchema, type CslItem, type LibraryRecord } from '../model';
import { backupImport } from './backup';
import { bibImport } from './bibtex';
import { cslJsonImport } from './csl-json';
import type { ImportFormat, ReadProblem } from './format';
import { risImport } from './ris';

export const IMPORT_FORMATS = {
  backup: backupImport,
  bibtex: bibImport,
  ris: risImport,
  'csl-json': cslJsonImport,
} as const satisfies Record<string, ImportFormat>;
export type ImportFormatName = keyof typeof IMPORT_FORMATS;

/** Files over this size are refused before they are read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export class ImportTooLargeError extends Error {
  constructor(readonly size: number) {
    super(`This file is ${(size / 1024 / 1024).toFixed(1)} MB; Colophon imports files up to 50 MB. Split it into smaller files and import each.`);
    this.name = 'ImportTooLargeError';
  }
}

/**
 * Decodes an import file: UTF-8 with or without BOM, UTF-16 LE/BE (with BOM, or recognised by its zero bytes),
 * and anything that is not valid UTF-8 as Windows-1252 (what older Windows tools, EndNote among them, write).
 * Throws `ImportTooLargeError` over 50 MB.
 */
export function decodeImportBytes(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportTooLargeError(bytes.byteLength);
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf16 = sniffUtf16(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Windows-1252's 0x80–0x9F (undefined bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D map to the same C1 code point, as WHATWG
// does). Decoded here rather than by TextDecoder: Node 20's 'windows-1252' decoder reads these bytes as Latin-1.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
  return out;
}

/** UTF-16 without a BOM: ASCII text has a zero in every other byte. */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros > half * 0.6 && evenZeros < half * 0.1) return 'utf-16le';
  if (evenZeros > half * 0.6 && oddZeros < half * 0.1) return 'utf-16be';
  return undefined;
}

/** Which format a text is in, or undefined. */
export function detectImportFormat(text: string): ImportFormatName | undefined {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') && trimmed.slice(0, 4096).includes('"colophon-backup"')) return 'backup';
  if (/^[[{]/.test(trimmed)) return 'csl-json';
  // Whichever marker comes first: a .bib file may quote RIS in a comment, and the reverse.
  const head = text.slice(0, 1 << 16);
  const ris = head.search(/^\s*TY {1,2}-/m);
  const bib = head.search(/^\s*@[ \t]*[A-Za-z]+[ \t]*[{(]/m);
  if (ris >= 0 && (bib < 0 || ris < bib)) return 'ris';
  if (bib >= 0) return 'bibtex';
  return undefined;
}

/** One valid entry. `record` is set for backups (the whole library record, tags and note included). */
export interface ImportedEntry {
  line: number;
  key?: string;
  item: CslItem;
  record?: LibraryRecord;
}
export type ImportProblem = ReadProblem;
export interface ImportResult {
  format: ImportFormatName | undefined;
  entries: ImportedEntry[];
  /** Entries refused, with their line and the reason. */
  errors: ImportProblem[];
  /** Entries kept with a doubt (a duplicate key, an unknown type…). */
  warnings: ImportProblem[];
}

/** What only the end of a file tells: its format, the entries refused and those kept with a doubt. */
export type ImportSummary = Omit<ImportResult, 'entries'>;

const NOT_AN_IMPORT: ImportProblem = { line: 1, reason: 'not a BibTeX, BibLaTeX, RIS, CSL-JSON or Colophon backup file' };

/** Parses import text: every entry validated with zod (`cslItemSchema`, or `libraryRecordSchema` for a backup). */
export function parseImport(text: string, options: { format?: ImportFormatName } = {}): ImportResult {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportTooLargeError(text.length);
  const format = options.format ?? detectImportFormat(text);
  if (!format) return { format, entries: [], errors: [NOT_AN_IMPORT], warnings: [] };
  const read = IMPORT_FORMATS[format].read(text);
  const entries: ImportedEntry[] = [];
  const errors: ImportProblem[] = [];
  for (const { line, key, candidate } of read.entries) {
    const where = { line, ...(key !== undefined ? { key } : {}) };
    if (format === 'backup') {
      const parsed = libraryRecordSchema.safeParse(candidate);
      if (parsed.success) entries.push({ ...where, item: parsed.data.item, record: parsed.data });
      else errors.push({ ...where, reason: describeIssues(parsed.error) });
    } else {
      const parsed = cslItemSchema.safeParse(candidate);
      if (parsed.success) entries.push({ ...where, item: parsed.data });
      else errors.push({ ...where, reason: describeIssues(parsed.error) });
    }
  }
  // The reader's own errors last: entries read lazily add theirs as they are taken.
  errors.push(...read.errors);
  errors.sort((a, b) => a.line - b.line);
  return { format, entries, errors, warnings: read.warnings };
}

/**
 * A chunk of a file on its way from the reading worker through the library page to the background: its entries as
 * the JSON text of the background's import request, and each one's line. Text crosses between threads and processes
 * far more cheaply than objects (a structured clone to the page, then a conversion for runtime messaging), and the
 * page has no need to look inside.
 */
export interface ImportChunk {
  format: ImportFormatName;
  /** Entries the file holds. */
  expected: number;
  /** The line of each entry. */
  lines: number[];
  /** `JSON.stringify` of the entries, as the library's import takes them. */
  items: string;
}

/** A backup's record as the library's import takes it: its item, provenance, tags and note (ids and dates are new). */
function backupEntryOf(candidate: unknown): unknown {
  if (typeof candidate !== 'object' || candidate === null) return candidate;
  const { item, provenance, tags, note } = candidate as Record<string, unknown>;
  return { item, provenance, tags, note };
}

/**
 * Reads import text for the library's import, handing its entries to `onChunk` `chunkSize` at a time as they are
 * read, so the first are saved while later ones are still being read. The entries are not validated here: the
 * background validates each one (it must: it is the boundary), and reports a bad one by its place in the chunk,
 * which the chunk's lines turn into a line of the file. Returns what only the end tells: the entries the reader
 * could not make out (syntax) and its warnings.
 */
export function readImportChunks(text: string, onChunk: (chunk: ImportChunk) => void, options: { format?: ImportFormatName; chunkSize?: number; firstChunk?: number } = {}): ImportSummary {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportTooLargeError(text.length);
  const format = options.format ?? detectImportFormat(text);
  if (!format) return { format, errors: [NOT_AN_IMPORT], warnings: [] };
  const { chunkSize = 1000 } = options;
  const firstChunk = Math.min(options.firstChunk ?? chunkSize, chunkSize);
  // The first chunk may be smaller, so the background starts writing sooner; the second makes it up to a whole one.
  const sizes = [firstChunk, chunkSize - firstChunk || chunkSize];
  let chunks = 0;
  const read = IMPORT_FORMATS[format].read(text);
  let lines: number[] = [];
  let items: unknown[] = [];
  const flush = () => {
    onChunk({ format, expected: read.count, lines, items: JSON.stringify(items) });
    lines = [];
    items = [];
  };
  for (const { line, candidate } of read.entries) {
    lines.push(line);
    items.push(format === 'backup' ? backupEntryOf(candidate) : candidate);
    if (lines.length === (sizes[chunks] ?? chunkSize)) {
      flush();
      chunks++;
    }
  }
  if (lines.length) flush();
  return { format, errors: [...read.errors].sort((a, b) => a.line - b.line), warnings: read.warnings };
}

/** Decodes and parses an import file's bytes in one step (throws `ImportTooLargeError` over 50 MB). */
export function parseImportBytes(bytes: Uint8Array, options: { format?: ImportFormatName } = {}): ImportResult {
  return parseImport(decodeImportBytes(bytes), options);
}

/** A short reason from zod's issues: "title: missing; issued.date-parts.0.1: Too big…". */
function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path.join('.') || 'entry';
      const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
      return missing ? `${path}: missing` : `${path}: ${issue.message}`;
    })
    .join('; ');
}
