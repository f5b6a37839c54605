/**
 * Every format file in lib/cite is registered in index.ts and round-trips (STYLE.md 1); `unsupportedFields`
 * tells the export dialog what a format cannot hold.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FILE_FORMATS, FORMATS, IMPORT_FORMATS, formatRecords, parseImport, STYLE_NAMES, unsupportedFields } from '@/lib/cite';
import { libraryRecordSchema, type LibraryRecord } from '@/lib/model';

const record = (item: Record<string, unknown>, id = 'r1'): LibraryRecord => libraryRecordSchema.parse({ id, savedAt: 1, updatedAt: 1, item });

describe('registry', () => {
  it('registers every format file', () => {
    const files = readdirSync(new URL('../../lib/cite', import.meta.url)).map((f) => f.replace(/\.ts$/, ''));
    const formatFiles = ['bibtex', 'biblatex', 'ris', 'csl-json', 'backup'];
    expect(files).toEqual(expect.arrayContaining(formatFiles));
    expect(Object.keys(FILE_FORMATS).sort()).toEqual([...formatFiles].sort());
    expect(Object.keys(IMPORT_FORMATS).sort()).toEqual(['backup', 'bibtex', 'csl-json', 'ris']);
    expect(Object.keys(FORMATS)).toEqual([...formatFiles, 'bibliography', 'citation']);
    expect(STYLE_NAMES).toEqual(['apa', 'chicago-author-date', 'chicago-note', 'mla', 'harvard', 'ieee', 'vancouver']);
  });

  it.each(Object.keys(FILE_FORMATS) as (keyof typeof FILE_FORMATS)[])('%s is read back as itself', (format) => {
    const seed = record({ type: 'report', title: 'Cities', author: [{ literal: 'EUROCITIES' }], issued: { 'date-parts': [[2017]] } });
    const result = parseImport(formatRecords([seed], { format }));
    expect(result.format).toBe(format === 'biblatex' ? 'bibtex' : format);
    expect(result.entries[0]?.item.author).toEqual([{ literal: 'EUROCITIES' }]);
  });
});

describe('unsupportedFields', () => {
  const web = record({ type: 'webpage', title: 'A page', 'container-title': 'Site', URL: 'https://example.org' });
  const report = record({ type: 'report', title: 'R', 'number-of-pages': '26', page: '3', issued: { 'date-parts': [[2017], [2018]] } }, 'r2');

  it('names what each format cannot hold, with how many records have it', () => {
    expect(unsupportedFields('bibtex', [web, report])).toEqual([
      { field: 'type', records: 1 },
      { field: 'container-title', records: 1 },
    ]);
    expect(unsupportedFields('biblatex', [web, report])).toEqual([{ field: 'container-title', records: 1 }]);
    expect(unsupportedFields('ris', [web, report])).toEqual([
      { field: 'issued', records: 1 },
      { field: 'page', records: 1 },
    ]);
    expect(unsupportedFields('csl-json', [web, report])).toEqual([]);
    expect(unsupportedFields('backup', [web, report])).toEqual([]);
    expect(unsupportedFields('bibliography', [web, report])).toEqual([]);
  });
});
