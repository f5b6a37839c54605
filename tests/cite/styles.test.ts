/**
 * Every style on representative records (the seed report by an organisation, a journal article, an edited book, a
 * thesis, a web page), as text and HTML, bibliography and in-text citation. Snapshots in tests/cite/__snapshots__:
 * a change in a style's output shows up in review.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatBibliography, formatBibliographyTextAndHtml, formatCitation, formatRecords, STYLE_NAMES } from '@/lib/cite';
import { benchRecords } from '../../scripts/bench/cite';
import { libraryRecordSchema } from '@/lib/model';

const items = JSON.parse(readFileSync(new URL('../fixtures/cite/representative.json', import.meta.url), 'utf8')) as unknown[];
const records = items.map((item, i) => libraryRecordSchema.parse({ id: `r${i}`, savedAt: 1, updatedAt: 1, item }));
const seed = records[0]!;

describe.each(STYLE_NAMES)('%s', (style) => {
  it('formats the bibliography as text and HTML', () => {
    expect(formatBibliography(records, { style, output: 'text' })).toMatchSnapshot('text');
    expect(formatBibliography(records, { style, output: 'html' })).toMatchSnapshot('html');
  }, 30_000); // citeproc builds a style's engine on first use: APA takes seconds

  it('gives the same text and HTML from one run as from two', () => {
    // Varied records, several by the same people in the same year: sorting and disambiguation must match too.
    const twins = ['Part one', 'Part two', 'Part three'].map((part, k) => ({ ...records[1]!, id: `twin${k}`, item: { ...records[1]!.item, title: `${records[1]!.item.title}: ${part}` } }));
    const many = [...records, ...twins, ...benchRecords(40)];
    const both = formatBibliographyTextAndHtml(many, { style });
    expect(both.text).toBe(formatBibliography(many, { style, output: 'text' }));
    expect(both.html).toBe(formatBibliography(many, { style, output: 'html' }));
    // Told of its progress, it gives the same output, step by step up to every record registered and rendered twice.
    const steps: [number, number][] = [];
    expect(formatBibliographyTextAndHtml(many, { style, onProgress: (done, total) => steps.push([done, total]) })).toEqual(both);
    expect(steps.at(-1)).toEqual([3 * many.length, 3 * many.length]);
    expect(steps.every(([done], k) => k === 0 || done > steps[k - 1]![0])).toBe(true);
    expect(steps.length).toBeGreaterThan(2 * many.length); // rendering is told entry by entry
    // Text only (a download): the same text, no HTML rendered.
    const textSteps: number[] = [];
    expect(formatBibliographyTextAndHtml(many, { style, html: false, onProgress: (_, total) => textSteps.push(total) })).toEqual({ text: both.text, html: '' });
    expect(new Set(textSteps)).toEqual(new Set([2 * many.length]));
    // The hooks are put back: a later run without progress is not told anything and still matches.
    expect(formatBibliography(many, { style, output: 'html' })).toBe(both.html);
  }, 30_000);

  it('formats in-text citations, one per record and all together', () => {
    expect(records.map((r) => formatCitation([r], { style }))).toMatchSnapshot('each');
    expect(formatCitation(records, { style })).toMatchSnapshot('together');
  });

  it('writes the organisation whole, never as initials', () => {
    const text = formatBibliography([seed], { style });
    expect(text).toContain('EUROCITIES');
    expect(text).not.toMatch(/EUROCITIES, [A-Z]\.|E\. ?EUROCITIES/);
  });
});

describe('formatted output is safe', () => {
  it('escapes markup from record text in HTML', () => {
    const title = '<img src=x onerror=alert(1)> & <script>x</script> <b onmouseover="x">y</b>';
    const hostile = libraryRecordSchema.parse({ id: 'h', savedAt: 1, updatedAt: 1, item: { type: 'book', title } });
    for (const style of STYLE_NAMES) {
      const html = formatRecords([hostile], { format: 'bibliography', style, output: 'html' });
      // citeproc keeps only its own inline formatting (<i>, <b>, <sup>, <sub> without attributes); the rest is text.
      expect(html).not.toMatch(/<img|<script|<b /);
      expect(html).toContain('&#60;img');
    }
  });

  it('is empty for no records', () => {
    expect(formatBibliography([])).toBe('');
    expect(formatCitation([])).toBe('');
  });
});
