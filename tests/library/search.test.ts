import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSearchIndex,
  DEFAULT_ORDER,
  decodeBlock,
  encodeBlock,
  parseQuery,
  QUERY_HELP,
  toSearchRow,
  withinEdits,
  type SearchSort,
  type SortOrder,
} from '@/lib/library';
import { foldText, foldWords } from '@/lib/library/normalize';
import type { CslItem, LibraryRecord } from '@/lib/model';

let n = 0;
const record = (item: Partial<CslItem> & { title: string }, extra: Partial<LibraryRecord> = {}): LibraryRecord => ({
  id: `r${++n}`,
  savedAt: 1000 + n,
  updatedAt: 1000 + n,
  tags: [],
  note: '',
  provenance: {},
  ...extra,
  item: { type: 'report', ...item },
});

const LIBRARY = [
  record({ title: 'Cultural policy in Croatia', author: [{ family: 'Švob-Đokić', given: 'Nada' }], publisher: 'IRMO', 'publisher-place': 'Zagreb', issued: { 'date-parts': [[2001]] } }, { tags: ['culture'] }),
  record({ title: 'Creative Europe annual report', author: [{ literal: 'European Commission' }], publisher: 'Publications Office', issued: { 'date-parts': [[2017]] } }),
  record({ title: 'The economics of creativity', type: 'book', author: [{ family: 'Throsby', given: 'David' }], publisher: 'Cambridge University Press', issued: { 'date-parts': [[2010]] } }),
  record({ title: 'Re|Shaping cultural policies', author: [{ literal: 'UNESCO' }], publisher: 'UNESCO', 'publisher-place': 'Paris', issued: { 'date-parts': [[2017]] } }, { tags: ['culture', 'to read'], note: 'Chapter on artistic freedom' }),
  record({ title: 'Städte und Kultur', type: 'article-journal', author: [{ family: 'Müller', given: 'Jürgen' }], 'container-title': 'Kulturpolitische Mitteilungen', issued: { 'date-parts': [[2014]] } }, { tags: ['agriculture'] }),
  record({ title: 'Draft guidelines for heritage cities', editor: [{ family: 'Kowalczyk', given: 'Łukasz' }], issued: { 'date-parts': [[2019]] } }),
];
const index = createSearchIndex({ rows: LIBRARY.map(toSearchRow) });
const titles = (query: string, sort?: 'relevance' | 'saved' | 'year' | 'title') => {
  const byId = new Map(LIBRARY.map((r) => [r.id, r.item.title]));
  return index.search(query, sort ? { sort } : {}).ids.map((id) => byId.get(id));
};

describe('folding', () => {
  it('ignores case and accents, and maps letters NFKD leaves whole', () => {
    expect(foldText('Švob-Đokić')).toBe('svob dokic');
    expect(foldText('Łukasz Ødegaard Straße Þór')).toBe('lukasz odegaard strasse thor');
    expect(foldWords('  Re|Shaping — cultural  ')).toEqual(['re', 'shaping', 'cultural']);
    expect(foldText('Культура и общество')).toBe('культура и общество');
  });

  it('folds plain ASCII (its own quick path) exactly as the Unicode path does', () => {
    // The Unicode path as written before the ASCII one: every ASCII character, alone and between letters, and
    // random ASCII strings must come out the same.
    const unicodeFold = (v: string) =>
      v.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const samples = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)).flatMap((c) => [c, `Ab${c}9z`, `${c}${c}X${c}`]);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) samples.push(Array.from({ length: 1 + Math.floor(random() * 30) }, () => String.fromCharCode(Math.floor(random() * 128))).join(''));
    for (const sample of samples) expect(foldText(sample), JSON.stringify(sample)).toBe(unicodeFold(sample));
    expect(foldText('Cultural Policy & the City #12: 50% of {Europe}')).toBe('cultural policy the city 12 50 of europe');
  });

  it('counts edits with transpositions, whole words and prefixes', () => {
    expect(withinEdits('cultrual', 'cultural', 1)).toBe(true);
    expect(withinEdits('cutlural', 'cultural', 1)).toBe(true);
    expect(withinEdits('culture', 'cultural', 1)).toBe(false);
    expect(withinEdits('polici', 'policies', 0, true)).toBe(true);
    expect(withinEdits('plic', 'policies', 1, true)).toBe(true);
    expect(withinEdits('polcy', 'policies', 1, true)).toBe(false);
    expect(withinEdits('heritge', 'heritage', 1)).toBe(true);
    expect(withinEdits('abcdef', 'uvwxyz', 2)).toBe(false);
  });
});

describe('query parser', () => {
  it('reads words, phrases, exclusions and filters', () => {
    const q = parseQuery('cultural "creative europe" -draft year:2010..2017 type:report tag:"to read" publisher:unesco polic');
    expect(q.include.map((t) => t.word)).toEqual(['cultural', 'creative', 'europe', 'report', 'to read', 'unesco', 'polic']);
    expect(q.include.at(-1)).toMatchObject({ prefix: true });
    expect(q.include[0]).toMatchObject({ prefix: false, typos: 1 });
    expect(q.include[1]).toMatchObject({ typos: 0 }); // inside quotes: exact
    expect(q.exclude).toMatchObject([{ word: 'draft' }]);
    expect(q.phrases).toHaveLength(1);
    expect(q.years).toEqual([{ min: 2010, max: 2017, negate: false }]);
  });

  it('never throws on odd input and treats unknown fields as words', () => {
    for (const odd of ['', '"', '-', '::', 'year:', 'year:abc', 'http://x.org/a', '"unterminated phrase', '-"', 'tag:']) expect(() => parseQuery(odd)).not.toThrow();
    expect(parseQuery('note: read').include.map((t) => t.word)).toEqual(['note', 'read']); // no value: plain words
    expect(parseQuery('foo:bar').include.map((t) => t.word)).toEqual(['foo', 'bar']);
    expect(parseQuery('year:20').years).toEqual([]); // still typing
  });

  it('has help text for the popup', () => {
    expect(QUERY_HELP).toContain('year:2010..2017');
    expect(QUERY_HELP).toContain('"creative europe"');
  });
});

describe('search', () => {
  it('is case- and accent-insensitive', () => {
    expect(titles('svob dokic')).toEqual(['Cultural policy in Croatia']);
    expect(titles('SVOB-DOKIĆ')).toEqual(['Cultural policy in Croatia']);
    expect(titles('stadte muller')).toEqual(['Städte und Kultur']);
    expect(titles('lukasz')).toEqual(['Draft guidelines for heritage cities']);
  });

  it('matches the last word as a prefix, earlier words whole', () => {
    expect(titles('econ')).toEqual(['The economics of creativity']);
    expect(titles('econ ')).toEqual([]);
    expect(titles('creat')).toContain('Creative Europe annual report');
    expect(titles('creat')).toContain('The economics of creativity');
  });

  it('forgives typos in longer words only', () => {
    expect(titles('cultrual policy')).toContain('Cultural policy in Croatia');
    expect(titles('throbsy')).toEqual(['The economics of creativity']);
    expect(titles('creatvity')).toEqual(['The economics of creativity']);
    expect(titles('kulturpolitsche mitteilungen')).toEqual(['Städte und Kultur']); // two typos allowed from 9 letters
    expect(titles('irno')).toEqual([]); // 4 letters: exact only
    expect(titles('irmo')).toEqual(['Cultural policy in Croatia']);
  });

  it('searches authors, editors, publisher, place, year, tags and note', () => {
    expect(titles('zagreb')).toEqual(['Cultural policy in Croatia']);
    expect(titles('kowalczyk')).toEqual(['Draft guidelines for heritage cities']);
    expect(titles('cambridge')).toEqual(['The economics of creativity']);
    expect(titles('artistic freedom')).toEqual(['Re|Shaping cultural policies']);
    expect(titles('2014')).toEqual(['Städte und Kultur']);
    expect(titles('read')).toEqual(['Re|Shaping cultural policies']);
  });

  it('ranks title and author matches above the rest', () => {
    // "unesco" is the author and publisher of one record; "culture" is a tag of two and a title word of none.
    const ranked = titles('cultur');
    expect(ranked.slice(0, 2).sort()).toEqual(['Cultural policy in Croatia', 'Re|Shaping cultural policies']);
    expect(ranked).toContain('Städte und Kultur'); // "kultur" is one typo from "cultur"
    expect(ranked.indexOf('Städte und Kultur')).toBeGreaterThan(1);
  });

  it('applies each filter', () => {
    expect(titles('year:2017').sort()).toEqual(['Creative Europe annual report', 'Re|Shaping cultural policies']);
    expect(titles('year:2010..2014').sort()).toEqual(['Städte und Kultur', 'The economics of creativity']);
    expect(titles('year:..2001')).toEqual(['Cultural policy in Croatia']);
    expect(titles('year:2018..')).toEqual(['Draft guidelines for heritage cities']);
    expect(titles('type:book')).toEqual(['The economics of creativity']);
    expect(titles('type:article')).toEqual(['Städte und Kultur']); // the article-* family
    expect(titles('tag:culture').sort()).toEqual(['Cultural policy in Croatia', 'Re|Shaping cultural policies']); // not "agriculture"
    expect(titles('tag:"to read"')).toEqual(['Re|Shaping cultural policies']);
    expect(titles('publisher:unesco')).toEqual(['Re|Shaping cultural policies']);
    expect(titles('author:unesco')).toEqual(['Re|Shaping cultural policies']);
    expect(titles('cultural -croatia')).toEqual(['Re|Shaping cultural policies']);
    expect(titles('-tag:culture year:2017')).toEqual(['Creative Europe annual report']);
    expect(titles('-type:report').sort()).toEqual(['Städte und Kultur', 'The economics of creativity']);
    expect(titles('-year:2017').length).toBe(4);
    expect(titles('"cultural policy"')).toEqual(['Cultural policy in Croatia']);
    expect(titles('"policy cultural"')).toEqual([]);
    expect(titles('-"cultural policy" cultural')).toEqual(['Re|Shaping cultural policies']);
  });

  it('sorts by saved date, year and title', () => {
    expect(titles('', 'saved')[0]).toBe('Draft guidelines for heritage cities');
    expect(titles('', 'saved')).toHaveLength(LIBRARY.length);
    expect(titles('', 'year')).toEqual([
      'Draft guidelines for heritage cities',
      'Re|Shaping cultural policies',
      'Creative Europe annual report',
      'Städte und Kultur',
      'The economics of creativity',
      'Cultural policy in Croatia',
    ]);
    expect(titles('', 'title')).toEqual([
      'Creative Europe annual report',
      'Cultural policy in Croatia',
      'Draft guidelines for heritage cities',
      'Re|Shaping cultural policies',
      'Städte und Kultur',
      'The economics of creativity',
    ]);
    // Ties in relevance: newest saved first.
    expect(titles('year:2017')).toEqual(['Re|Shaping cultural policies', 'Creative Europe annual report']);
  });

  it('sorts by any column, either way, with missing values last and ties newest first', () => {
    const shelf = [
      record({ title: 'b', author: [{ family: 'Müller', given: 'Jürgen' }], publisher: 'Zed Books', 'number-of-pages': '214', type: 'book' }),
      record({ title: 'a', editor: [{ family: 'Adam', given: 'Eva' }], 'number-of-pages': '26' }),
      record({ title: 'c', author: [{ literal: 'UNESCO' }], publisher: 'UNESCO', type: 'article-journal' }),
      record({ title: 'd', author: [{ family: 'Mueller', given: 'Anna' }], publisher: 'ábc Press', 'number-of-pages': '214', type: 'book' }),
    ];
    const shelfIndex = createSearchIndex({ rows: shelf.map(toSearchRow) });
    const order = (sort: SearchSort, direction?: SortOrder, query = '') =>
      shelfIndex.search(query, { sort, ...(direction ? { order: direction } : {}) }).ids.map((id) => shelf.find((r) => r.id === id)!.item.title);
    // First author's family name (an editor when there is no author), accents folded; given names break ties.
    expect(order('authors')).toEqual(['a', 'd', 'b', 'c']);
    expect(order('authors', 'descending')).toEqual(['c', 'b', 'd', 'a']);
    // No publisher: last in both orders.
    expect(order('publisher')).toEqual(['d', 'c', 'b', 'a']);
    expect(order('publisher', 'descending')).toEqual(['b', 'c', 'd', 'a']);
    // Largest first by default; equal counts newest saved first in both orders; no count last.
    expect(order('pages')).toEqual(['d', 'b', 'a', 'c']);
    expect(order('pages', 'ascending')).toEqual(['a', 'd', 'b', 'c']);
    expect(order('type')).toEqual(['c', 'd', 'b', 'a']);
    expect(order('title', 'descending')).toEqual(['d', 'c', 'b', 'a']);
    expect(order('saved', 'ascending')).toEqual(['b', 'a', 'c', 'd']);
    // A query filters first, then the column orders what matched.
    expect(order('pages', 'ascending', 'type:book')).toEqual(['d', 'b']);
    // Sort orders follow edits.
    const longer = { ...shelf[1]!, item: { ...shelf[1]!.item, 'number-of-pages': '999' } };
    shelfIndex.upsert([toSearchRow(longer)]);
    expect(order('pages')).toEqual(['a', 'd', 'b', 'c']);
    expect(DEFAULT_ORDER.title).toBe('ascending');
  });

  it('stays current after upserts and removals', () => {
    const live = createSearchIndex({ rows: LIBRARY.map(toSearchRow) });
    const edited = { ...LIBRARY[2]!, item: { ...LIBRARY[2]!.item, title: 'Economics and culture' } };
    live.upsert([toSearchRow(edited)]);
    expect(live.search('economics').ids).toEqual([edited.id]);
    expect(live.search('creativity').ids).toEqual([]);
    live.remove([edited.id]);
    expect(live.search('economics').ids).toEqual([]);
    expect(live.size).toBe(LIBRARY.length - 1);
  });

  it('loads from stored blocks exactly as from rows', () => {
    const rows = LIBRARY.map(toSearchRow);
    const block = encodeBlock(0, rows);
    expect(decodeBlock(structuredClone(block))).toEqual(rows);
    const fromBlocks = createSearchIndex({ blocks: [encodeBlock(0, rows.slice(0, 3)), encodeBlock(1, rows.slice(3))] });
    for (const q of ['cultur', 'svob', 'tag:culture', 'year:2017', 'creatvity']) expect(fromBlocks.search(q).ids).toEqual(index.search(q).ids);
  });
});

describe('recall against a brute-force oracle', () => {
  const WORDS = ['culture', 'cultural', 'policy', 'cities', 'heritage', 'švob', 'đokić', 'müller', 'unesco', 'europe', 'art', 'a', 'kraków', 'report', 'straße', '2017'];
  const word = fc.constantFrom(...WORDS);
  const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
  const recordArb = fc.record({
    title: text,
    author: fc.option(word, { nil: undefined }),
    publisher: fc.option(text, { nil: undefined }),
    note: fc.option(text, { nil: undefined }),
    tag: fc.option(word, { nil: undefined }),
  });

  it('finds every record that contains all query words (the last as a prefix)', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.nat(), (specs, queryWords, typing, cut) => {
        const records = specs.map((s) =>
          record(
            { title: s.title, ...(s.author ? { author: [{ family: s.author }] } : {}), ...(s.publisher ? { publisher: s.publisher } : {}) },
            { note: s.note ?? '', tags: s.tag ? [s.tag] : [] },
          ),
        );
        const folded = queryWords.map(foldText);
        // While typing, the last word may be cut short: it then matches as a prefix.
        const last = folded[folded.length - 1]!;
        if (typing) folded[folded.length - 1] = last.slice(0, 1 + (cut % last.length));
        const query = folded.join(' ') + (typing ? '' : ' ');
        const found = new Set(createSearchIndex({ rows: records.map(toSearchRow) }).search(query).ids);
        for (const r of records) {
          const words = foldWords([r.item.title, r.item.author?.[0]?.family ?? '', r.item.publisher ?? '', r.note, ...r.tags].join(' '));
          const contains = folded.every((q, k) => words.some((w) => (typing && k === folded.length - 1 ? w.startsWith(q) : w === q)));
          if (contains) expect(found.has(r.id), `${query} in ${words.join(' ')}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
