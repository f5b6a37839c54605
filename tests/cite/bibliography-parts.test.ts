/**
 * A bibliography formatted in parts (one worker each) and joined must be the bibliography formatted whole:
 * the same entries, in the same order, with the same year suffixes, added initials and "———" for repeated authors.
 * The records are drawn from few names, years and title words, so that citeproc has much to compare across them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canFormatInParts,
  formatBibliographyPart,
  formatBibliographyTextAndHtml,
  joinBibliographyParts,
  planBibliographyParts,
  STYLE_NAMES,
  toCslItems,
  type StyleName,
} from '@/lib/cite';
import { libraryRecordSchema, type LibraryRecord } from '@/lib/model';

const name = fc.constantFrom(
  { family: 'Smith', given: 'Jane' },
  { family: 'Smith', given: 'Adam' },
  { family: 'Müller', given: 'Eva' },
  { family: 'Muller', given: 'Eva' },
  { family: 'van der Berg', given: 'Piet' },
  { family: 'Berg', given: 'Piet' },
  { literal: 'EUROCITIES' },
  { family: 'EUROCITIES' },
);
const record = fc.record(
  {
    type: fc.constantFrom('book', 'report', 'article-journal', 'chapter', 'webpage'),
    title: fc.constantFrom('Cities', 'Cities and culture', 'Culture', 'The city', 'A policy', 'Policy'),
    author: fc.array(name, { minLength: 1, maxLength: 4 }),
    editor: fc.array(name, { minLength: 1, maxLength: 2 }),
    issued: fc.constantFrom(2017, 2018).map((y) => ({ 'date-parts': [[y]] })),
    publisher: fc.constantFrom('Brussels Press', 'Zagreb Institute'),
    'container-title': fc.constantFrom('Cultural Policy', 'Urban Studies'),
  },
  { requiredKeys: ['type', 'title'] },
);
// Titles made unique by a number: records that tie on every sort key may come in either order (see the README).
const records = fc.array(record, { minLength: 2, maxLength: 24 }).map((items) =>
  items.map((item, i): LibraryRecord => libraryRecordSchema.parse({ id: `r${i}`, savedAt: 1, updatedAt: 1, item: { ...item, title: `${item.title} ${i}` } })),
);

const inParts = (all: readonly LibraryRecord[], style: StyleName, count: number, html = true) => {
  const plan = planBibliographyParts(all, style, count)!;
  const items = toCslItems(all, plan.keys);
  return joinBibliographyParts(
    plan.parts.map((indices) => formatBibliographyPart(indices.map((i) => items[i]!), { style, html, indices })),
    style,
  );
};

describe('bibliography in parts', () => {
  it('is offered for styles that sort and do not number their entries', () => {
    expect(STYLE_NAMES.filter((s) => canFormatInParts(s))).toEqual(['apa', 'chicago-author-date', 'chicago-note', 'mla', 'harvard']);
  });

  it('keeps records of the same first name together, in the export order, in parts of about equal size', () => {
    const all = ['Smith', 'Smith', 'Jones', 'Brown', 'Smith', 'Jones', 'Lee', 'Kim'].map((family, i) =>
      libraryRecordSchema.parse({ id: `r${i}`, savedAt: 1, updatedAt: 1, item: { type: 'book', title: `T${i}`, author: [{ family, given: 'A' }] } }),
    );
    const plan = planBibliographyParts(all, 'apa', 2)!;
    expect(plan.parts.flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const partOf = (i: number) => plan.parts.findIndex((p) => p.includes(i));
    expect(new Set([0, 1, 4].map(partOf)).size).toBe(1);
    expect(partOf(2)).toBe(partOf(5));
    expect(plan.parts.map((p) => p.length).sort()).toEqual([4, 4]);
    for (const part of plan.parts) expect(part).toEqual([...part].sort((a, b) => a - b));
    expect(planBibliographyParts(all, 'ieee', 2)).toBeUndefined();
    expect(planBibliographyParts(all, 'apa', 1)).toBeUndefined();
  });

  it.each(STYLE_NAMES.filter((s) => canFormatInParts(s)))('%s: joined parts are the whole bibliography, text and HTML', (style) => {
    fc.assert(
      fc.property(records, fc.integer({ min: 2, max: 4 }), (all, count) => {
        expect(inParts(all, style, count)).toEqual(formatBibliographyTextAndHtml(all, { style }));
      }),
      { numRuns: 25 },
    );
    expect.hasAssertions();
  }, 120_000);

  it('joins text-only parts into the text alone', () => {
    const all = fc.sample(records, { numRuns: 1, seed: 7 })[0]!;
    expect(inParts(all, 'apa', 2, false)).toEqual({ text: formatBibliographyTextAndHtml(all, { style: 'apa' }).text, html: '' });
  });
});
