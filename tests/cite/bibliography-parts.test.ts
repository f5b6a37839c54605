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
  { literal: 'The Guardian' },
);
// Half the records have no author (and half of those no editor): the styles then put the editor, the publisher
// (APA's web pages), the container (Harvard's and Chicago's articles) or the title in the author's place.
const names = (max: number) => fc.option(fc.array(name, { minLength: 1, maxLength: max }), { nil: undefined, freq: 2 });
const record = fc.record(
  {
    type: fc.constantFrom('book', 'report', 'article-journal', 'article-newspaper', 'article-magazine', 'chapter', 'webpage'),
    title: fc.constantFrom('Cities', 'Cities and culture', 'Culture', 'The city', 'A policy', 'Policy'),
    author: names(4),
    editor: names(2),
    issued: fc.constantFrom(2017, 2018).map((y) => ({ 'date-parts': [[y]] })),
    publisher: fc.constantFrom('Brussels Press', 'EUROCITIES', 'The Guardian'),
    'container-title': fc.constantFrom('Cultural Policy', 'The Guardian', 'EUROCITIES'),
  },
  { requiredKeys: ['type', 'title', 'issued'] },
);
// Titles made unique by a number: records that tie on every sort key may come in either order (see the README).
const records = fc.array(record, { minLength: 2, maxLength: 24 }).map((items) =>
  items.map((item, i): LibraryRecord => {
    const { author, editor, ...rest } = item;
    return libraryRecordSchema.parse({ id: `r${i}`, savedAt: 1, updatedAt: 1, item: { ...rest, ...(author ? { author } : {}), ...(editor ? { editor } : {}), title: `${item.title} ${i}` } });
  }),
);
const make = (items: object[]) => items.map((item, i) => libraryRecordSchema.parse({ id: `f${i}`, savedAt: 1, updatedAt: 1, item }));

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

  it('keeps together records without author that the style names alike: year suffixes and repeated-name dashes hold', () => {
    // APA names an authorless web page by its publisher: two from one publisher in one year are 2020a and 2020b.
    const pages = make([
      { type: 'webpage', title: 'Alpha', publisher: 'World Health Organization', issued: { 'date-parts': [[2020]] } },
      { type: 'book', title: 'Beta', author: [{ family: 'Smith', given: 'J.' }], issued: { 'date-parts': [[2020]] } },
      { type: 'webpage', title: 'Gamma', publisher: 'World Health Organization', issued: { 'date-parts': [[2020]] } },
      { type: 'book', title: 'Delta', author: [{ family: 'Jones', given: 'A.' }], issued: { 'date-parts': [[2020]] } },
    ]);
    const apa = formatBibliographyTextAndHtml(pages, { style: 'apa' });
    expect(apa.text).toMatch(/2020a/);
    expect(inParts(pages, 'apa', 2)).toEqual(apa);
    // Chicago (author-date) and Harvard name an authorless newspaper article by its paper: a repeated name becomes
    // "———", and two of one year are 2019a and 2019b; the paper is also an author here.
    const articles = make([
      { type: 'article-newspaper', title: 'One', 'container-title': 'The Guardian', issued: { 'date-parts': [[2019, 5, 1]] } },
      { type: 'book', title: 'Two', author: [{ family: 'Adams', given: 'B.' }], issued: { 'date-parts': [[2019]] } },
      { type: 'article-newspaper', title: 'Three', 'container-title': 'The Guardian', issued: { 'date-parts': [[2019, 6, 1]] } },
      { type: 'book', title: 'Four', author: [{ literal: 'The Guardian' }], issued: { 'date-parts': [[2018]] } },
    ]);
    expect(formatBibliographyTextAndHtml(articles, { style: 'chicago-author-date' }).text).toMatch(/———\. 2019a/);
    expect(formatBibliographyTextAndHtml(articles, { style: 'harvard' }).text).toContain('The Guardian (2019b)');
    for (const style of ['chicago-note', 'chicago-author-date', 'harvard', 'apa', 'mla'] as const) {
      expect(inParts(articles, style, 2)).toEqual(formatBibliographyTextAndHtml(articles, { style }));
    }
  });

  it('joins text-only parts into the text alone', () => {
    const all = fc.sample(records, { numRuns: 1, seed: 7 })[0]!;
    expect(inParts(all, 'apa', 2, false)).toEqual({ text: formatBibliographyTextAndHtml(all, { style: 'apa' }).text, html: '' });
  });
});
