/**
 * Exported .bib files read by an independent parser (@retorquere/bibtex-parser, the one behind Better BibTeX),
 * not only by the one that wrote them: same entries, same titles, same names (organisations kept whole),
 * nothing it cannot parse.
 */
import { parse } from '@retorquere/bibtex-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBiblatex, formatBibtex, toCslItems } from '@/lib/cite';
import type { LibraryRecord, Name } from '@/lib/model';
import { libraryRecord } from './arbitraries';

interface Creator {
  name?: string;
  lastName?: string;
  firstName?: string;
  prefix?: string;
}
const expectedCreator = (n: Name): Creator =>
  n.literal !== undefined ? { name: n.literal } : { lastName: n.family!, ...(n.given !== undefined ? { firstName: n.given } : {}) };
const nfc = (s: string) => s.normalize('NFC');
const readCreator = (c: Creator): Creator =>
  c.name !== undefined
    ? { name: nfc(c.name) }
    : { lastName: nfc([c.prefix, c.lastName].filter(Boolean).join(' ')), ...(c.firstName ? { firstName: nfc(c.firstName) } : {}) };

describe.each([
  ['BibTeX', formatBibtex],
  ['BibLaTeX', formatBiblatex],
] as const)('%s read by @retorquere/bibtex-parser', (_name, format) => {
  it('parses without errors and reads back the same entries, titles and names', () => {
    fc.assert(
      fc.property(fc.array(libraryRecord, { minLength: 1, maxLength: 4 }), (generated) => {
        const records: LibraryRecord[] = generated.map((r, i) => ({ ...r, id: `r${i}` }));
        const bib = format(records);
        const parsed = parse(bib, { sentenceCase: false });
        expect(parsed.errors).toEqual([]);
        const items = toCslItems(records);
        expect(parsed.entries.map((e) => e.key)).toEqual(items.map((i) => i['citation-key']));
        parsed.entries.forEach((entry, i) => {
          const item = items[i]!;
          const fields = entry.fields as Record<string, unknown>;
          expect(nfc(String(fields.title))).toBe(item.title);
          if (item.author) expect((fields.author as Creator[]).map(readCreator)).toEqual(item.author.map(expectedCreator));
          if (item.editor) expect((fields.editor as Creator[]).map(readCreator)).toEqual(item.editor.map(expectedCreator));
          if (item['number-of-pages']) expect(fields.pagetotal).toBe(item['number-of-pages']);
          if (item.URL) expect(fields.url).toBe(item.URL);
          if (item.DOI) expect(fields.doi).toBe(item.DOI);
          if (item['publisher-place']) expect(nfc(String(fields.address ?? fields.location))).toBe(item['publisher-place']);
        });
      }),
      { numRuns: 50 },
    );
  }, 30_000); // the parser's first call loads its NLP model
});
