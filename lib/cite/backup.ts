/**
 * Colophon's own backup: every record whole (tags, note, provenance, dates), as
 * `{"format": "colophon-backup", "version": 1, "records": [LibraryRecord…]}`. Restoring it loses nothing.
 */
import type { LibraryRecord } from '../model';
import type { ExportFormat, ImportFormat, ReadResult } from './format';
import { arrayElementLines, jsonErrorLine } from './json-lines';

export const BACKUP_FORMAT = 'colophon-backup';
export const BACKUP_VERSION = 1;

/** Formats records as a backup file. */
export function formatBackup(records: readonly LibraryRecord[]): string {
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, records }, null, 1) + '\n';
}

/** Reads a backup file: each record is a candidate for `libraryRecordSchema`, with its line. */
export function readBackup(text: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { entries: [], count: 0, errors: [{ line: jsonErrorLine(text, error), reason: `not valid JSON: ${(error as Error).message}` }], warnings: [] };
  }
  const file = data as { format?: unknown; version?: unknown; records?: unknown };
  if (file?.format !== BACKUP_FORMAT) return { entries: [], count: 0, errors: [{ line: 1, reason: 'not a Colophon backup' }], warnings: [] };
  if (file.version !== BACKUP_VERSION) {
    return { entries: [], count: 0, errors: [{ line: 1, reason: `backup version ${String(file.version)} is not supported (this Colophon reads version ${BACKUP_VERSION})` }], warnings: [] };
  }
  if (!Array.isArray(file.records)) return { entries: [], count: 0, errors: [{ line: 1, reason: 'the backup has no "records" list' }], warnings: [] };
  const lines = arrayElementLines(text, 'records');
  return {
    entries: file.records.map((candidate: unknown, i) => {
      const id = candidate !== null && typeof candidate === 'object' ? (candidate as Record<string, unknown>).id : undefined;
      return { line: lines[i] ?? 1, ...(typeof id === 'string' ? { key: id } : {}), candidate };
    }),
    count: file.records.length,
    errors: [],
    warnings: [],
  };
}

export const backupExport: ExportFormat = {
  label: 'Colophon backup',
  extension: 'json',
  mime: 'application/json',
  format: formatBackup,
  dropped: () => [],
};

export const backupImport: ImportFormat = {
  label: 'Colophon backup',
  read: readBackup,
};
