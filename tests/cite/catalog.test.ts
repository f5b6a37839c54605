import { describe, expect, it } from 'vitest';
import { FILE_FORMATS, STYLE_NAMES } from '@/lib/cite';
import { FILE_FORMAT_CHOICES, STYLE_CHOICES } from '@/lib/cite/catalog';
import { exportFileName } from '@/components/export-panel';
import { libraryRecordSchema } from '@/lib/model';

describe('the export dialog’s catalogue', () => {
  it('lists exactly the registered file formats, with their extensions', () => {
    expect(FILE_FORMAT_CHOICES.map((c) => c.format).sort()).toEqual(Object.keys(FILE_FORMATS).sort());
    for (const choice of FILE_FORMAT_CHOICES) expect(choice.extension).toBe(FILE_FORMATS[choice.format].extension);
  });
  it('lists exactly the shipped styles', () => {
    expect(STYLE_CHOICES.map((c) => c.style).sort()).toEqual([...STYLE_NAMES].sort());
  });
});

describe('export file names', () => {
  const record = (item: Record<string, unknown>) => libraryRecordSchema.parse({ id: 'x', savedAt: 1, updatedAt: 1, item });
  it('names a single record after its author, year and title', () => {
    const r = record({ type: 'book', title: 'Kulturna politika i razvoj: ogledi', author: [{ family: 'Švob-Đokić', given: 'Nada' }], issued: { 'date-parts': [[2004]] } });
    expect(exportFileName([r], 'bib')).toBe('svob-dokic-2004-kulturna-politika-i-razvoj.bib');
  });
  it('names several by their count', () => {
    const r = record({ type: 'book', title: 'T' });
    expect(exportFileName([r, r, r], 'ris')).toBe('colophon-3-records.ris');
  });
});
