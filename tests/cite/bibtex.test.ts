import { describe, expect, it } from 'vitest';
import { baseCitationKey, formatBiblatex, formatBibtex, formatCslJson, formatRis, toCslItems } from '@/lib/cite';
import { libraryRecordSchema, type LibraryRecord } from '@/lib/model';

const record = (item: Record<string, unknown>, id = 'r1'): LibraryRecord =>
  libraryRecordSchema.parse({ id, savedAt: 1, updatedAt: 1, item });

const seed = record({
  type: 'report',
  title: "Cities' External Cultural Relations: Trends and Actions",
  author: [{ literal: 'EUROCITIES' }],
  publisher: 'EUROCITIES',
  'publisher-place': 'Brussels',
  issued: { 'date-parts': [[2017]] },
  'number-of-pages': '26',
  URL: 'http://www.culturelink.org/news/publications/2018/listing.html',
});

describe('BibTeX export', () => {
  it('writes an organisation as a literal name, with place, institution and a readable key', () => {
    const bib = formatBibtex([seed]);
    expect(bib).toMatch(/^@techreport\{eurocities2017cities,$/m);
    expect(bib).toContain('author = {{EUROCITIES}}');
    expect(bib).toContain('address = {Brussels}');
    expect(bib).toContain('institution = {EUROCITIES}');
    expect(bib).toContain('year = {2017}');
  });

  it('escapes every BibTeX special character so no text can inject LaTeX', () => {
    const bib = formatBibtex([record({ type: 'book', title: 'Costs & 50% of $x_1 #2 {a} ~ ^ \\input{/etc/passwd}' })]);
    const title = /title = \{(.*)\},$/m.exec(bib)?.[1] ?? '';
    expect(title).not.toMatch(/(?<!\\)[&%$#_]/);
    expect(title).not.toContain('\\input');
  });

  it('makes citation keys unique within one export', () => {
    const keys = toCslItems([seed, { ...seed, id: 'r2' }, { ...seed, id: 'r3' }]).map((i) => i['citation-key']);
    expect(keys).toEqual(['eurocities2017cities', 'eurocities2017citiesa', 'eurocities2017citiesb']);
    expect(new Set(keys).size).toBe(3);
  });

  it('builds keys from persons, accents folded, stop words skipped', () => {
    expect(baseCitationKey(record({ type: 'book', title: 'The Kulturna politika', author: [{ family: 'Švob-Đokić', given: 'Nada' }], issued: { 'date-parts': [[2004]] } }).item)).toBe('svobdokic2004kulturna');
    expect(formatBibtex([])).toBe('');
  });

  it('writes the page count, accents as commands, and the seed in every format', () => {
    expect(formatBibtex([seed])).toContain('pagetotal = {26}');
    const biblatex = formatBiblatex([seed]);
    expect(biblatex).toMatch(/^@report\{eurocities2017cities,$/m);
    expect(biblatex).toContain('location = {Brussels}');
    expect(biblatex).toContain('pagetotal = {26}');
    expect(biblatex).toContain('date = {2017}');
    const ris = formatRis([seed]);
    expect(ris).toContain('TY  - RPRT\r\n');
    expect(ris).toContain('AU  - EUROCITIES\r\n');
    expect(ris).toContain('SP  - 26\r\n');
    expect(ris).toContain('CY  - Brussels\r\n');
    expect(JSON.parse(formatCslJson([seed]))[0]).toMatchObject({ id: 'eurocities2017cities', author: [{ literal: 'EUROCITIES' }], 'number-of-pages': '26' });
    const person = record({ type: 'book', title: 'T', author: [{ family: 'Švob-Đokić', given: 'Nada' }, { family: 'van der Berg', given: 'Émile' }] });
    expect(formatBibtex([person])).toContain("author = {{\\v{S}}vob-{\\DJ}oki{\\'{c}}, Nada and van der Berg, {\\'{E}}mile}");
    expect(formatBiblatex([person])).toContain('author = {Švob-Đokić, Nada and van der Berg, Émile}');
  });
});
