import { describe, expect, it } from 'vitest';
import { extractFromText, textBlocks } from '../../lib/extract/selected-text';

const URL = 'https://example.org/news/7';
const read = (text: string, extra: { siteName?: string; language?: string } = {}) => extractFromText(text, { url: URL, ...extra });
const first = (text: string, extra: { siteName?: string; language?: string } = {}) => read(text, extra).items[0]?.item;

describe('selected text', () => {
  it('reads a heading line and an English imprint line ("By ORG, Place, Year, N pages")', () => {
    const item = first(`Cities' External Cultural Relations: Trends and Actions\nBy EUROCITIES, Brussels, 2017, 26 pages\n\nEUROCITIES, founded in 1986, is a network of major European cities.`);
    expect(item).toMatchObject({
      title: "Cities' External Cultural Relations: Trends and Actions",
      publisher: 'EUROCITIES',
      'publisher-place': 'Brussels',
      issued: { 'date-parts': [[2017]] },
      'number-of-pages': '26',
      URL,
    });
  });

  it('reads German editors, page count and ISBN, and takes the page language', () => {
    const item = first('Kulturpolitik der Parteien: Visionen, Programmatik\nHrsg. v. Olaf Zimmermann und Theo Geißler\n166 Seiten , 12,90 €, ISBN: 978-3-934868-17-5', { language: 'de' });
    expect(item).toMatchObject({ title: 'Kulturpolitik der Parteien: Visionen, Programmatik', 'number-of-pages': '166', ISBN: '978-3-934868-17-5', language: 'de' });
    expect(item!.editor).toHaveLength(2);
  });

  it('reads imprints in English, French, Spanish and Croatian', () => {
    expect(first('Mobilité humaine et environnement\nSous la direction de Christel Cournil et Chloé Vlassopoulos\nVersailles, éditions Quae, 2015, 384 pages', { language: 'fr' })).toMatchObject({
      title: 'Mobilité humaine et environnement',
      'publisher-place': 'Versailles',
      issued: { 'date-parts': [[2015]] },
      'number-of-pages': '384',
      language: 'fr',
    });
    expect(first('Políticas culturales en América Latina\nMadrid: Fundación Carolina, 2009, 212 páginas', { language: 'es' })).toMatchObject({
      title: 'Políticas culturales en América Latina',
      publisher: 'Fundación Carolina',
      'publisher-place': 'Madrid',
      issued: { 'date-parts': [[2009]] },
      'number-of-pages': '212',
    });
    expect(first('Compendium of Reference Documents\nEdited by Máté Kovacs\nOCPA, Maputo, December 2006, 396 p.')).toMatchObject({
      editor: [{ family: 'Kovacs', given: 'Máté' }],
      publisher: 'OCPA',
      issued: { 'date-parts': [[2006, 12]] },
      'number-of-pages': '396',
    });
    expect(first('Kulturne politike u tranziciji\nZagreb: IMO, 2004, 180 str.', { language: 'hr' })).toMatchObject({
      title: 'Kulturne politike u tranziciji',
      publisher: 'IMO',
      'publisher-place': 'Zagreb',
      issued: { 'date-parts': [[2004]] },
      language: 'hr',
    });
  });

  it('reads a reference list, one entry a line, as several publications in order', () => {
    const { items } = read(
      [
        'Aalto, N., & Reuter, E. (Eds.). (2006). Aspects of intercultural dialogue. Koln: SAXA Verlag.',
        'Abu-Nimer, M. (1999). Dialogue, conflict resolution and change. Albany, NY: State University of New York.',
        'Bennett, T. (1998). Culture: A Reformer’s Science. London: Sage.',
      ].join('\n'),
    );
    expect(items.map((c) => c.item.title)).toEqual(['Aspects of intercultural dialogue', 'Dialogue, conflict resolution and change', 'Culture: A Reformer’s Science']);
    expect(items[0]!.item).toMatchObject({ editor: [{ family: 'Aalto' }, { family: 'Reuter' }], issued: { 'date-parts': [[2006]] } });
    expect(items[1]!.item).toMatchObject({ publisher: 'State University of New York', issued: { 'date-parts': [[1999]] } });
  });

  it('reads one reference on its own', () => {
    const item = first('Abu-Nimer, M. (1999). Dialogue, conflict resolution and change. Albany, NY: State University of New York.');
    expect(item).toMatchObject({ title: 'Dialogue, conflict resolution and change', author: [{ family: 'Abu-Nimer' }], issued: { 'date-parts': [[1999]] } });
  });

  it('reads entries separated by blank lines, each a title over its imprint', () => {
    const { items } = read('Culture and the City\nBy Marta Kowalska and Jan Novák, Prague: Arts Institute, 2018, 214 pages\n\nFestivals and Public Space\nEdited by Laura Bianchi, Milan: Fondazione Cariplo, 2016, 158 pp.');
    expect(items.map((c) => c.item.title)).toEqual(['Culture and the City', 'Festivals and Public Space']);
    expect(items[1]!.item).toMatchObject({ publisher: 'Fondazione Cariplo', issued: { 'date-parts': [[2016]] }, 'number-of-pages': '158' });
  });

  it('marks every value as read from the selection, the address as the page', () => {
    const [c] = read("Cities' External Cultural Relations: Trends and Actions\nBy EUROCITIES, Brussels, 2017, 26 pages").items;
    expect(c!.provenance.title?.source).toBe('selection');
    expect(c!.provenance.publisher?.source).toBe('selection');
    expect(c!.provenance.URL?.source).toBe('page');
  });

  it('strips the site name from a title line as on pages', () => {
    expect(first('Measuring Participation in the Arts | Culturelink\nParis: UNESCO, 2012, 120 pages', { siteName: 'Culturelink' })?.title).toBe('Measuring Participation in the Arts');
  });

  it('offers the first line as a title when nothing bibliographic is recognised, and says so', () => {
    const result = read('Notes from the meeting\nwe talked about many things that are not a publication at all');
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.item).toMatchObject({ title: 'Notes from the meeting', type: 'document', URL });
    expect(result.notes.join(' ')).toMatch(/first line/);
    expect(read('   \n\n ').items).toEqual([]);
  });

  it('ignores a bad language code, a non-web address and very long selections without throwing', () => {
    const item = extractFromText('A Title Line\nZagreb: IMO, 2004, 180 str.', { url: 'file:///x', language: 'not a code' }).items[0]?.item;
    expect(item?.language).toBeUndefined();
    expect(item?.URL).toBeUndefined();
    expect(() => read('x'.repeat(100_000))).not.toThrow();
    expect(textBlocks('line\n'.repeat(5000), { lines: true }).length).toBeLessThanOrEqual(400);
  });

  it('makes a heading of each entry when blank lines separate titled entries', () => {
    const blocks = textBlocks('First Report on Culture\nParis: UNESCO, 2012, 120 pages\n\nSecond Report on Culture\nVienna: Mediacult, 2013, 80 pages', { lines: true });
    expect(blocks.filter((b) => b.level === 2).map((b) => b.text)).toEqual(['First Report on Culture', 'Second Report on Culture']);
  });
});
