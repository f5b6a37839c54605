/**
 * CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html): the record's own core, so it holds
 * every field. Exported items carry their citation key as `id` and `citation-key`.
 */
import type { LibraryRecord } from '../model';
import { toCslItems } from './csl';
import type { ExportFormat, ImportFormat, ReadResult } from './format';
import { arrayElementLines, jsonErrorLine } from './json-lines';

/** Formats records as a pretty-printed CSL-JSON array. */
export function formatCslJson(records: readonly LibraryRecord[]): string {
  return JSON.stringify(toCslItems(records), null, 2) + '\n';
}

/** Reads a CSL-JSON array (or a single item) into candidates, each with its line. */
export function readCslJson(text: string): ReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { entries: [], count: 0, errors: [{ line: jsonErrorLine(text, error), reason: `not valid JSON: ${(error as Error).message}` }], warnings: [] };
  }
  const list = Array.isArray(data) ? data : [data];
  const lines = Array.isArray(data) ? arrayElementLines(text) : [1];
  return {
    entries: list.map((candidate: unknown, i) => {
      const id = candidate !== null && typeof candidate === 'object' ? (candidate as Record<string, unknown>).id : undefined;
      return { line: lines[i] ?? 1, ...(typeof id === 'string' || typeof id === 'number' ? { key: String(id) } : {}), candidate };
    }),
    count: list.length,
    errors: [],
    warnings: [],
  };
}

export const cslJsonExport: ExportFormat = {
  label: 'CSL-JSON',
  extension: 'json',
  mime: 'application/vnd.citationstyles.csl+json',
  format: formatCslJson,
  dropped: () => [],
};

export const cslJsonImport: ImportFormat = {
  label: 'CSL-JSON',
  read: readCslJson,
};
