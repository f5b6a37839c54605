/**
 * fast-check generators of library records that stress the citation formats: names with particles and accents,
 * organisations, every BibTeX special character, missing fields. Every record passes `libraryRecordSchema`.
 */
import fc from 'fast-check';
import { cleanText, ITEM_TYPES, libraryRecordSchema, type LibraryRecord } from '@/lib/model';

const pieces = [
  'Cities', 'culture', 'Policy', 'de', 'van', 'der', 'and', 'AND', 'Europe', 'x', 'Z', '2017', 'é', 'É', 'Š', 'Đ', 'đ',
  'ø', 'ß', 'ł', 'ç', 'ñ', 'ü', 'å', 'œ', 'ı', 'ő', 'ǘ', 'Ω', '文化', 'Москва', '{', '}', '%', '&', '$', '#', '_', '~', '^',
  '\\', '\\input{/etc/passwd}', '<', '>', '|', '"', "'", "''", '`', '--', '-', ':', ',', '.', '(', ')', '@', '–', '“', '”', '’', '€', '🙂', ' ',
];
/** Free text: words, accents, LaTeX specials and punctuation, as cleaned text (what a record can hold). */
export const freeText = (maxPieces = 8) =>
  fc
    .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom('', ' ')), { minLength: 1, maxLength: maxPieces })
    .map((ps) => cleanText(ps.map(([piece, gap]) => piece + gap).join('')))
    .filter((s) => s.length > 0);

const word = fc.constantFrom('Smith', 'Švob-Đokić', 'Dupont', 'Müller', 'Ó Briain', "d'Alembert", 'Zhang', 'Da Silva', 'Łukasiewicz', 'Ørsted', 'Núñez');
const particle = fc.constantFrom('van', 'van der', 'de la', 'von', 'di', 'dos', 'Van', 'De');
const person = fc.record(
  {
    family: fc.oneof(word, fc.tuple(particle, word).map(([p, w]) => `${p} ${w}`), freeText(3)),
    given: fc.oneof(fc.constantFrom('Nada', 'Émilie', 'Jean-Paul', 'J. R. R.', 'María José', 'Åsa'), freeText(2)),
  },
  { requiredKeys: ['family'] },
);
const organisation = fc.oneof(
  fc.constantFrom('EUROCITIES', 'European Research Council', 'United Cities and Local Governments', 'UNESCO', 'Council of Europe, Culture Unit'),
  freeText(4),
).map((literal) => ({ literal }));
const names = fc.array(fc.oneof(person, person, organisation), { minLength: 1, maxLength: 4 });

const year = fc.integer({ min: 1000, max: 2100 });
const datePart = fc.oneof(
  year.map((y) => [y]),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })),
  fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })),
);
const issued = fc.oneof(
  { weight: 4, arbitrary: datePart.map((d) => ({ 'date-parts': [d] })) },
  { weight: 1, arbitrary: fc.tuple(datePart, datePart).map(([a, b]) => ({ 'date-parts': [a, b] })) },
);
const digits = (min: number, max: number) => fc.integer({ min, max }).map(String);
const urlPath = fc.stringMatching(/^[a-z0-9_~%.-]{0,12}$/);

/** A CSL item with any subset of the fields Colophon keeps. */
export const cslItem = fc.record(
  {
    type: fc.constantFrom(...ITEM_TYPES),
    title: freeText(10),
    author: names,
    editor: names,
    publisher: freeText(4),
    'publisher-place': fc.oneof(fc.constantFrom('Brussels', 'Zagreb', 'São Paulo', 'Kraków', 'New York, NY'), freeText(3)),
    issued,
    'number-of-pages': digits(1, 2000),
    page: fc.oneof(fc.tuple(digits(1, 500), digits(501, 999)).map(([a, b]) => `${a}-${b}`), digits(1, 999), fc.constant('e1234')),
    'container-title': freeText(6),
    'collection-title': freeText(4),
    volume: digits(1, 99),
    issue: fc.oneof(digits(1, 12), fc.constant('Spring')),
    edition: fc.oneof(digits(1, 9), fc.constant('2nd rev.')),
    DOI: fc.tuple(digits(1000, 99999), fc.stringMatching(/^[A-Za-z0-9._;()/:-]{1,20}$/)).map(([r, s]) => `10.${r}/${s}`),
    ISBN: fc.constantFrom('978-3-16-148410-0', '953-6096-32-1', '0-306-40615-2'),
    ISSN: fc.constantFrom('1028-6632', '0378-5955', '2049-3630'),
    URL: fc.tuple(fc.constantFrom('http', 'https'), urlPath, fc.constantFrom('', '?a=1&b=2', '#frag')).map(([s, p, q]) => `${s}://example.org/${p}${q}`),
    abstract: freeText(20),
    language: fc.constantFrom('en', 'fr', 'de', 'hr', 'en-GB', 'pt-BR', 'sr-Latn', 'la'),
  },
  { requiredKeys: ['type', 'title'] },
);

/** A saved record around a generated item; parsed by the schema, as every stored record is. */
export const libraryRecord = fc
  .tuple(cslItem, fc.array(freeText(2), { maxLength: 3 }), fc.option(freeText(5), { nil: undefined }))
  .map(([item, tags, note]): LibraryRecord =>
    libraryRecordSchema.parse({ id: 'r1', savedAt: 1, updatedAt: 2, tags, note: note ?? '', item, provenance: { title: { source: 'test', confidence: 0.5 } } }),
  );
