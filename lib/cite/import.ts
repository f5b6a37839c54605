/**
 * The import front door: bytes → text (encoding detected), text → entries validated with zod, each entry
 * independent of the others. A malformed entry is reported with its line and reason; every valid entry is kept.
 *
 * Entries come in batches as they are read (`parseImportInBatches`), so the library page saves the first chunks
 * while the rest of a large file is still being read, or in one list (`parseImport`); de-duplication against the
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

/** Valid entries handed over as they are read (`batchSize` at a time), with the file's format and its entries in all. */
export interface ImportBatch {
  format: ImportFormatName;
  entries: ImportedEntry[];
  /** Entries the file holds, valid or not: an upper bound of all the batches together. */
  expected: number;
}

/**
 * Parses import text batch by batch: every entry validated with zod (`cslItemSchema`, or `libraryRecordSchema` for
 * a backup), the valid ones handed to `onBatch` `batchSize` at a time (the rest at the end), so a caller can save
 * the first while later ones are still being read. Returns what only the end tells.
 */
export function parseImportInBatches(text: string, onBatch: (batch: ImportBatch) => void, options: { format?: ImportFormatName; batchSize?: number } = {}): ImportSummary {
  if (text.length > MAX_IMPORT_BYTES) throw new ImportTooLargeError(text.length);
  const format = options.format ?? detectImportFormat(text);
  if (!format) {
    return { format, errors: [{ line: 1, reason: 'not a BibTeX, BibLaTeX, RIS, CSL-JSON or Colophon backup file' }], warnings: [] };
  }
  const { batchSize = 1000 } = options;
  const read = IMPORT_FORMATS[format].read(text);
  const errors = [...read.errors];
  let entries: ImportedEntry[] = [];
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
    if (entries.length === batchSize) {
      onBatch({ format, entries, expected: read.count });
      entries = [];
    }
  }
  if (entries.length) onBatch({ format, entries, expected: read.count });
  errors.sort((a, b) => a.line - b.line);
  return { format, errors, warnings: read.warnings };
}

/** What the library's import takes for an entry: a backup's whole record (tags, note, provenance), else the item. */
export function importItemOf(entry: ImportedEntry): unknown {
  const { record } = entry;
  return record ? { item: record.item, provenance: record.provenance, tags: record.tags, note: record.note } : entry.item;
}

/**
 * A batch as it travels from the reading worker through the library page to the background: its items as the JSON
 * text of the background's import request, and each one's line. Text crosses between threads and processes far more
 * cheaply than objects (a structured clone to the page, then a conversion for runtime messaging), and the page has
 * no need to look inside.
 */
export interface ImportChunk {
  format: ImportFormatName;
  /** Entries the file holds, valid or not. */
  expected: number;
  /** The line of each item. */
  lines: number[];
  /** `JSON.stringify` of the items (`importItemOf` each). */
  items: string;
}

export function importChunkOf(batch: ImportBatch): ImportChunk {
  return { format: batch.format, expected: batch.expected, lines: batch.entries.map((e) => e.line), items: JSON.stringify(batch.entries.map(importItemOf)) };
}

/** Parses import text whole: every entry validated with zod, the valid ones in one list. */
export function parseImport(text: string, options: { format?: ImportFormatName } = {}): ImportResult {
  const entries: ImportedEntry[] = [];
  const summary = parseImportInBatches(text, (batch) => entries.push(...batch.entries), { ...options, batchSize: Infinity });
  return { ...summary, entries };
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
