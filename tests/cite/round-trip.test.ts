/**
 * import(export(r)) keeps every field the format can hold, for every file format, over generated records.
 * "Can hold" is the format's own `dropped(item)` list, which is also what the export dialog shows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILE_FORMATS, formatRecords, parseImport, type FileFormatName } from '@/lib/cite';
import { CSL_FIELDS, type CslItem } from '@/lib/model';
import { libraryRecord } from './arbitraries';

const RUNS = { numRuns: 50 };

describe.each(['bibtex', 'biblatex', 'ris', 'csl-json'] as const satisfies FileFormatName[])('%s round trip', (format) => {
  it('keeps every field the format can hold', () => {
    fc.assert(
      fc.property(libraryRecord, (record) => {
        const text = formatRecords([record], { format });
        const result = parseImport(text);
        expect(result.errors).toEqual([]);
        expect(result.entries).toHaveLength(1);
        const back = result.entries[0]!.item;
        const dropped = new Set(FILE_FORMATS[format].dropped(record.item));
        const kept = (item: CslItem) => Object.fromEntries(CSL_FIELDS.filter((f) => !dropped.has(f) && item[f] !== undefined).map((f) => [f, item[f]]));
        expect(kept(back)).toEqual(kept(record.item));
      }),
      RUNS,
    );
  });
});

describe('backup round trip', () => {
  it('restores whole records: tags, note, provenance and dates', () => {
    fc.assert(
      fc.property(fc.array(libraryRecord, { minLength: 1, maxLength: 3 }), (records) => {
        const withIds = records.map((r, i) => ({ ...r, id: `r${i}` }));
        const result = parseImport(formatRecords(withIds, { format: 'backup' }));
        expect(result.format).toBe('backup');
        expect(result.errors).toEqual([]);
        expect(result.entries.map((e) => e.record)).toEqual(withIds);
      }),
      RUNS,
    );
  });
});
