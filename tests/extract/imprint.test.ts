import { describe, expect, it } from 'vitest';
import { parseDate } from '../../lib/extract/dates';
import { isImprintLine, isKnownPlace, parseImprint } from '../../lib/extract/imprint';
import { isOrganisation, parseNameList, parsePerson } from '../../lib/extract/names';

describe('bibliographic lines', () => {
  it('reads "By EUROCITIES, Brussels, 2017, 26 pages"', () => {
    const im = parseImprint('By EUROCITIES, Brussels, 2017, 26 pages');
    expect(im.author).toEqual([{ literal: 'EUROCITIES' }]);
    expect(im.place).toBe('Brussels');
    expect(im.issued).toEqual([2017]);
    expect(im.pages).toBe('26');
  });
  it('makes a body that heads a "By" imprint its publisher too, never a person', () => {
    expect(parseImprint('By UNESCO Institute for Statistics, Montreal, 2017, 96 pages')).toMatchObject({
      author: [{ literal: 'UNESCO Institute for Statistics' }],
      publisher: 'UNESCO Institute for Statistics',
      place: 'Montreal',
    });
    expect(parseImprint('By Marta Kowalska and Jan Novák, Prague: Arts Institute, 2018, 214 pages')).toMatchObject({
      author: [{ family: 'Kowalska', given: 'Marta' }, { family: 'Novák', given: 'Jan' }],
      publisher: 'Arts Institute',
      place: 'Prague',
    });
    expect(parseImprint('By Ana Horvat, Zagreb, 2019, 80 pages').publisher).toBeUndefined();
  });
  it('runs a name list across commas only when it closes with "and"', () => {
    expect(parseImprint('Editors: Lachlan MacDowall, Marnie Badham, Emma Blomkamp and Kim Dunphy.').editor).toHaveLength(4);
    expect(parseImprint('Editors: Lachlan MacDowall, Marnie Badham, Emma Blomkamp and Kim Dunphy.').publisher).toBeUndefined();
    expect(parseImprint('By A. Smith, Santa Cruz, 2019, 33 pages')).toMatchObject({ author: [{ family: 'Smith', given: 'A.' }], place: 'Santa Cruz' });
  });
  it('tells publisher from place in either order', () => {
    expect(parseImprint('Paris, UNESCO, 2015, 235 p., illus.')).toMatchObject({ publisher: 'UNESCO', place: 'Paris', pages: '235' });
    expect(parseImprint('OCPA, Maputo, December 2006, 396 p.')).toMatchObject({ publisher: 'OCPA', place: 'Maputo', issued: [2006, 12] });
    expect(parseImprint('Zagreb: IMO, 2004, 180 pp.')).toMatchObject({ publisher: 'IMO', place: 'Zagreb', issued: [2004], pages: '180' });
    expect(parseImprint('Paris: OECD Publishing, 2016. 148 p.')).toMatchObject({ publisher: 'OECD Publishing', place: 'Paris', pages: '148' });
  });
  it('reads page counts in several languages and roman front matter', () => {
    expect(parseImprint('xii + 256 pp.').pages).toBe('256');
    expect(parseImprint('166 Seiten , 12,90 €, ISBN: 978-3-934868-17-5')).toMatchObject({ pages: '166', ISBN: '978-3-934868-17-5' });
    expect(parseImprint('Zagreb, 2010, 212 str.').pages).toBe('212');
    expect(parseImprint('Madrid, 2012, 300 págs.').pages).toBe('300');
  });
  it('reads editors: edited by, Hrsg., (eds.), (dir.)', () => {
    expect(parseImprint('Hrsg. v. Olaf Zimmermann und Theo Geißler').editor).toEqual([
      { family: 'Zimmermann', given: 'Olaf' },
      { family: 'Geißler', given: 'Theo' },
    ]);
    expect(parseImprint('Edited by Máté Kovacs').editor).toEqual([{ family: 'Kovacs', given: 'Máté' }]);
  });
  it('knows multi-word places without taking their pieces ("the", "new") for places', () => {
    expect(isKnownPlace('New York')).toBe(true);
    expect(isKnownPlace('The Hague')).toBe(true);
    expect(isKnownPlace('the')).toBe(false);
    expect(isKnownPlace('new')).toBe(false);
  });
  it('refuses picture credits', () => {
    expect(isImprintLine('Front cover: The British pavilion at the Shanghai Expo, 2010')).toBe(false);
  });
  it('never reads a role as a name', () => {
    expect(parseNameList('Ivana Horvat and Associate Professor')).toEqual([{ family: 'Horvat', given: 'Ivana' }]);
  });
  it('refuses a line that is only a date', () => {
    expect(isImprintLine('December 25, 2017')).toBe(false);
    expect(parseImprint('December 25, 2017').publisher).toBeUndefined();
  });
  it('refuses a news dateline', () => {
    expect(isImprintLine('Dana Foundation, 01 August 2002, USA')).toBe(false);
    expect(isImprintLine('Paris: UNESCO, 12 May 2015')).toBe(true);
  });
  it('refuses an invalid ISBN and prose', () => {
    expect(parseImprint('ISBN 978-92-871-6696-7, 2010').ISBN).toBeUndefined();
    expect(isImprintLine('The association works in all areas of interest for cities, from culture to mobility.')).toBe(false);
  });
});

describe('names and dates', () => {
  it('keeps initials, particles and compound family names', () => {
    expect(parsePerson('N. Švob-Djokić')).toEqual({ family: 'Švob-Djokić', given: 'N.' });
    expect(parsePerson('Jong, Michiel de')).toEqual({ family: 'de Jong', given: 'Michiel' });
    expect(parsePerson('Berg, Anna van der')).toEqual({ family: 'van der Berg', given: 'Anna' });
    expect(parsePerson('Mark von Zastrow')).toEqual({ family: 'von Zastrow', given: 'Mark' });
    expect(parsePerson('Alain TARRIUS')).toEqual({ family: 'Tarrius', given: 'Alain' });
    expect(parsePerson('prof. Aleksandar Kostov')).toEqual({ family: 'Kostov', given: 'Aleksandar' });
  });
  it('tells organisations from persons', () => {
    expect(isOrganisation('Council of Europe')).toBe(true);
    expect(isOrganisation('EUROCITIES')).toBe(true);
    expect(isOrganisation('Máté Kovacs')).toBe(false);
  });
  it('parses dates in several languages and refuses impossible ones', () => {
    expect(parseDate('14. Juli 2008')).toEqual([2008, 7, 14]);
    expect(parseDate('31 décembre 2015')).toEqual([2015, 12, 31]);
    expect(parseDate('2019年04月')).toEqual([2019, 4]);
    expect(parseDate('2021-02-30')).toEqual([2021, 2]);
    expect(parseDate('in the year 99999')).toBeNull();
  });
});
