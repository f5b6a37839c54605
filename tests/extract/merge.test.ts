import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTRACT_ITEM_TYPES, mergeDrafts } from '../../lib/extract/merge';
import type { Draft } from '../../lib/extract/types';
import { candidateSchema, ITEM_TYPES } from '../../lib/model';
import { URL } from './helpers';

describe('merge', () => {
  it('knows the same item types as the record schema', () => {
    expect([...EXTRACT_ITEM_TYPES].sort()).toEqual([...ITEM_TYPES].sort());
  });
  it('keeps the best-supported value per field, with its source', () => {
    const drafts: Draft[] = [
      { source: 'open-graph', describes: 'page', order: 0, confidence: 0.9, item: { title: 'Site headline', issued: [2020] } },
      { source: 'announcement', describes: 'publication', order: 0, confidence: 0.7, item: { title: 'The Book', issued: [2017], 'number-of-pages': '026' } },
    ];
    const c = mergeDrafts(drafts, URL)!;
    expect(c.item).toMatchObject({ title: 'The Book', issued: { 'date-parts': [[2017]] }, 'number-of-pages': '26', URL });
    expect(c.provenance.title).toEqual({ source: 'announcement', confidence: 0.7 });
  });
  it('only ever returns what the record schema accepts, unchanged by it (property)', () => {
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('', ' ', '\u202e', '10.1000/x y', '10.1234/abc', 'en', 'e', '978-3-934868-17-5', '1e309', 'book', 'zz'));
    const value = fc.oneof(text, fc.integer(), fc.double(), fc.array(fc.oneof(fc.integer({ min: -20000, max: 20000 }), fc.double()), { maxLength: 4 }), fc.array(fc.record({ family: text, given: text, literal: text }, { requiredKeys: [] }), { maxLength: 3 }));
    const fields = ['type', 'title', 'author', 'editor', 'publisher', 'issued', 'number-of-pages', 'page', 'volume', 'DOI', 'ISBN', 'ISSN', 'language', 'abstract'] as const;
    const draft = fc.record({
      describes: fc.constantFrom('publication' as const, 'page' as const),
      confidence: fc.double({ min: -1, max: 2 }),
      item: fc.dictionary(fc.constantFrom(...fields), value),
    });
    fc.assert(
      fc.property(fc.array(draft, { minLength: 1, maxLength: 4 }), (ds) => {
        const c = mergeDrafts(ds.map((d) => ({ ...d, source: 'test', order: 0, item: d.item as Draft['item'] })), URL);
        if (!c) return;
        const parsed = candidateSchema.safeParse(c);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(c);
      }),
      { numRuns: 300 },
    );
  });
});
