/**
 * Import of malformed and hostile files: every broken entry reported with its line and reason, every valid
 * entry still imported; encodings; the 50 MB limit.
 */
import { describe, expect, it } from 'vitest';
import { decodeImportBytes, formatRecords, ImportTooLargeError, MAX_IMPORT_BYTES, parseImport, parseImportBytes, readImportChunks, type ImportChunk } from '@/lib/cite';
import { cslItemSchema, libraryRecordSchema, type LibraryRecord } from '@/lib/model';

const record = (item: Record<string, unknown>, id = 'r1'): LibraryRecord => libraryRecordSchema.parse({ id, savedAt: 1, updatedAt: 1, item });

describe('BibTeX import', () => {
  it('reads organisations, particles, accents, macros and both dialects', () => {
    const result = parseImport(String.raw`
@string{ec = "European " # {Commission}}
% a comment with @ in it
@TechReport{eurocities2017,
  author = {{EUROCITIES}},
  title = "Cities' External {Cultural} Relations",
  institution = ec, address = {Brussels}, year = 2017, month = may, pagetotal = {26},
}
@article(vangogh,
  author = {Vincent van Gogh and Švob-{\DJ}oki\'{c}, Nada and D{\"u}rer, A. and others},
  journaltitle = {Journal}, date = {2004-05-03/2004-06}, pages = {45--67}, langid = {french},
  title = {Caf\'e \& Co --- 50\% \textbackslash input}
)`);
    expect(result.errors).toEqual([]);
    expect(result.entries.map((e) => [e.line, e.key])).toEqual([
      [4, 'eurocities2017'],
      [9, 'vangogh'],
    ]);
    expect(result.entries[0]!.item).toEqual({
      type: 'report',
      title: "Cities' External Cultural Relations",
      author: [{ literal: 'EUROCITIES' }],
      publisher: 'European Commission',
      'publisher-place': 'Brussels',
      issued: { 'date-parts': [[2017, 5]] },
      'number-of-pages': '26',
    });
    expect(result.entries[1]!.item).toMatchObject({
      type: 'article-journal',
      title: 'Café & Co — 50% \\input', // a control word swallows the space after it, as in TeX
      author: [{ family: 'van Gogh', given: 'Vincent' }, { family: 'Švob-Đokić', given: 'Nada' }, { family: 'Dürer', given: 'A.' }],
      'container-title': 'Journal',
      issued: { 'date-parts': [[2004, 5, 3], [2004, 6]] },
      page: '45-67',
      language: 'fr',
    });
  });

  it('reports a truncated entry and keeps the others', () => {
    const result = parseImport('@book{a, title={First}}\n@book{b, title={Cut off\n@book{c, title={Third}}\n@book{d, title = {Last}, year = {20');
    expect(result.entries.map((e) => e.key)).toEqual(['a', 'c']);
    expect(result.errors).toEqual([
      { line: 2, key: 'b', reason: 'unbalanced braces: entry not closed before the next entry (line 3)' },
      { line: 4, key: 'd', reason: 'unbalanced braces: entry not closed before the end of the file (line 4)' },
    ]);
  });

  it('reports an entry with a brace too many instead of silently cutting its fields', () => {
    const result = parseImport('@book{a,\n  title = {A}} B},\n  year = {2001},\n}\n@book{b, title={Fine}}\n');
    expect(result.entries.map((e) => e.key)).toEqual(['b']);
    expect(result.errors[0]).toMatchObject({ line: 1, key: 'a' });
    expect(result.errors[0]!.reason).toMatch(/unbalanced braces/);
  });

  it('keeps both entries of a duplicate key, with a warning; a duplicate field keeps the first', () => {
    const result = parseImport('@book{same, title={One}}\n\n@book{same, title={Two}, title={Three}}\n');
    expect(result.entries.map((e) => e.item.title)).toEqual(['One', 'Two']);
    expect(result.warnings).toEqual([
      { line: 3, key: 'same', reason: 'field "title" given twice; the first is kept' },
      { line: 3, key: 'same', reason: 'duplicate key "same" (first at line 1); both entries kept' },
    ]);
  });

  it('rejects entries that fail validation, with the reason', () => {
    const result = parseImport('@book{notitle, year={2001}}\n@book{bad, title={X}, doi={not-a-doi}, url={javascript:alert(1)}}\n@book{ok, title={Y}}');
    expect(result.entries.map((e) => e.key)).toEqual(['ok']);
    expect(result.errors.map((e) => [e.line, e.key])).toEqual([
      [1, 'notitle'],
      [2, 'bad'],
    ]);
    expect(result.errors[0]!.reason).toBe('title: missing');
    expect(result.errors[1]!.reason).toMatch(/DOI/);
  });

  it('cannot be used to pollute prototypes through field names', () => {
    const result = parseImport('@book{a, __proto__ = {x}, constructor = {y}, title = {T}}');
    expect(result.entries).toHaveLength(1);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('imports 10,000 entries with 3 broken ones, reporting each by line', () => {
    const lines: string[] = [];
    const broken = new Set([1234, 5000, 9999]);
    const brokenLines: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (broken.has(i)) brokenLines.push(lines.length + 1);
      if (i === 1234) lines.push(`@article{k${i},`, `  title = {Unclosed ${i},`, '  year = {2001},');
      else if (i === 5000) lines.push(`@article{k${i},`, `  year = {2001},`, '}');
      else if (i === 9999) lines.push(`@article{k${i},`, `  title = {Truncated`);
      else lines.push(`@article{k${i},`, `  author = {Author, A${i} and {Org ${i}}},`, `  title = {Title ${i}},`, `  journal = {J}, year = {2001}, pages = {1--2},`, '}');
    }
    const result = parseImport(lines.join('\n'));
    expect(result.entries).toHaveLength(9_997);
    expect(result.errors.map((e) => e.line)).toEqual(brokenLines);
    expect(result.errors.map((e) => e.key)).toEqual(['k1234', 'k5000', 'k9999']);
  });
});

describe('RIS import', () => {
  it('reads page counts, places, organisations and editors, and reports unclosed records', () => {
    const ris = [
      'TY  - RPRT', 'AU  - EUROCITIES', 'TI  - Cities', 'PY  - 2017', 'CY  - Brussels', 'PB  - EUROCITIES', 'SP  - 26', 'ER  - ',
      'TY  - CHAP', 'AU  - Smith, Jo', 'A2  - Doe, Jane', 'ED  - 2', 'TI  - A chapter', 'T2  - The book', 'SP  - 5', 'EP  - 9', 'DA  - 2004/05/03/', 'SN  - 0378-5955', 'SN  - 978-3-16-148410-0', 'ER  - ',
      'TY  - JOUR', 'TI  - Never closed',
      'TY  - BOOK', 'TI  - After', 'ER  - ',
      'AU  - Stray, Tag',
    ].join('\r\n');
    const result = parseImport(ris);
    expect(result.format).toBe('ris');
    expect(result.entries.map((e) => e.line)).toEqual([1, 9, 23]);
    expect(result.entries[0]!.item).toMatchObject({ type: 'report', author: [{ literal: 'EUROCITIES' }], 'number-of-pages': '26', 'publisher-place': 'Brussels' });
    expect(result.entries[1]!.item).toMatchObject({
      type: 'chapter',
      editor: [{ family: 'Doe', given: 'Jane' }],
      page: '5-9',
      issued: { 'date-parts': [[2004, 5, 3]] },
      ISSN: '0378-5955',
      ISBN: '978-3-16-148410-0',
    });
    expect(result.errors.map((e) => e.line)).toEqual([21, 26]);
  });
});

describe('CSL-JSON and backup import', () => {
  it('reports invalid items by line and keeps valid ones; __proto__ keys pollute nothing', () => {
    const json = `[
  {"type": "book", "title": "One"},
  {"type": "spaceship", "title": "Two"},
  {"__proto__": {"polluted": true}, "type": "book", "title": "Three", "constructor": {"prototype": {"polluted": true}}}
]`;
    const result = parseImport(json);
    expect(result.format).toBe('csl-json');
    expect(result.entries.map((e) => [e.line, e.item.title])).toEqual([
      [2, 'One'],
      [4, 'Three'],
    ]);
    expect(result.errors.map((e) => e.line)).toEqual([3]);
    expect(result.errors[0]!.reason).toMatch(/^type:/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(result.entries[1]!.item)).toEqual(['type', 'title']);
  });

  it('reports a JSON syntax error with its line', () => {
    const result = parseImport('[\n  {"type": "book", "title": "One"},\n  {"type": "book" "title": "Two"}\n]');
    expect(result.entries).toEqual([]);
    expect(result.errors[0]!.line).toBe(3);
  });

  it('round-trips a backup and rejects a bad record by line', () => {
    const records = [record({ type: 'book', title: 'Kept' }, 'a'), { ...record({ type: 'book', title: 'Tagged' }, 'b'), tags: ['x'], note: 'n' }];
    const text = formatRecords(records, { format: 'backup' }).replace('"Kept"', '""');
    const result = parseImport(text);
    expect(result.format).toBe('backup');
    expect(result.entries.map((e) => e.record)).toEqual([records[1]]);
    expect(result.errors).toHaveLength(1);
    expect(text.split('\n')[result.errors[0]!.line - 1]).toMatch(/^\s*\{/);
  });

  it('refuses other backup versions', () => {
    expect(parseImport('{"format": "colophon-backup", "version": 2, "records": []}').errors[0]!.reason).toMatch(/version 2/);
  });

  it('says so when the file is none of the formats', () => {
    expect(parseImport('hello').errors).toEqual([{ line: 1, reason: 'not a BibTeX, BibLaTeX, RIS, CSL-JSON or Colophon backup file' }]);
  });
});

describe('encodings', () => {
  const bib = '@book{k, title = {Café Đokić “quoted” – €}}\n';
  const title = 'Café Đokić “quoted” – €';
  const titleOf = (bytes: Uint8Array) => parseImportBytes(bytes).entries[0]?.item.title;
  const utf16 = (s: string, le: boolean) => {
    const out = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      out[i * 2 + (le ? 0 : 1)] = c & 0xff;
      out[i * 2 + (le ? 1 : 0)] = c >> 8;
    }
    return out;
  };

  it('decodes UTF-8 with and without BOM', () => {
    const utf8 = new TextEncoder().encode(bib);
    expect(titleOf(utf8)).toBe(title);
    expect(titleOf(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(title);
  });

  it('decodes UTF-16 LE and BE with a BOM, and LE without', () => {
    expect(titleOf(new Uint8Array([0xff, 0xfe, ...utf16(bib, true)]))).toBe(title);
    expect(titleOf(new Uint8Array([0xfe, 0xff, ...utf16(bib, false)]))).toBe(title);
    expect(titleOf(utf16(bib, true))).toBe(title);
  });

  it('decodes Windows-1252 (what is not valid UTF-8)', () => {
    // "Café “quoted” – €" in Windows-1252: é=E9, “=93, ”=94, –=96, €=80.
    const bytes = new Uint8Array([...new TextEncoder().encode('@book{k, title = {Caf'), 0xe9, 0x20, 0x93, ...new TextEncoder().encode('quoted'), 0x94, 0x20, 0x96, 0x20, 0x80, ...new TextEncoder().encode('}}\n')]);
    expect(titleOf(bytes)).toBe('Café “quoted” – €');
  });

  it('refuses files over 50 MB with a clear message', () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect(() => decodeImportBytes(big)).toThrow(ImportTooLargeError);
    expect(() => decodeImportBytes(big)).toThrow(/up to 50 MB/);
  });
});

describe('chunks for the library page', () => {
  it('hands every entry over in chunks as it reads them, each with its line, for the background to validate', () => {
    const records = Array.from({ length: 2_345 }, (_, i) => record({ type: 'book', title: `Title ${i}`, issued: { 'date-parts': [[2000 + (i % 20)]] } }, `r${i}`));
    const files = {
      bibtex: formatRecords(records, { format: 'bibtex' }).replace('title = {', 'title = {Broken {'), // a brace never closed
      ris: formatRecords(records, { format: 'ris' }),
      'csl-json': formatRecords(records, { format: 'csl-json' }).replace('"type": "book"', '"type": 17'),
      backup: formatRecords(records, { format: 'backup' }),
    };
    for (const [format, text] of Object.entries(files)) {
      const chunks: ImportChunk[] = [];
      const summary = readImportChunks(text, (chunk) => chunks.push(chunk), { chunkSize: 1000 });
      const whole = parseImport(text);
      expect(summary.format).toBe(format);
      // The broken BibTeX entry cannot be made out at all: the reader reports it. Every other entry goes on.
      const readable = format === 'bibtex' ? 2_344 : 2_345;
      expect(chunks.map((c) => c.lines.length)).toEqual([1000, 1000, readable - 2000]);
      // A smaller first chunk, made up to a whole one by the second.
      const sizes: number[] = [];
      readImportChunks(text, (chunk) => sizes.push(chunk.lines.length), { chunkSize: 1000, firstChunk: 150 });
      expect(sizes).toEqual([150, 850, 1000, readable - 2000]);
      expect(chunks.every((c) => c.expected === readable && c.format === format)).toBe(true);
      expect(summary.errors).toEqual(whole.errors.filter((e) => format === 'bibtex' || !e.reason.includes('type')));
      // What the background validates gives the same items as the whole parse, at the same lines; the CSL-JSON item
      // with a bad type is passed on, for the background to refuse.
      const items = chunks.flatMap((c) => JSON.parse(c.items) as unknown[]);
      const lines = chunks.flatMap((c) => c.lines);
      const valid = items.flatMap((raw, i) => {
        const parsed = cslItemSchema.safeParse(format === 'backup' ? (raw as { item: unknown }).item : raw);
        return parsed.success ? [{ line: lines[i], item: parsed.data }] : [];
      });
      expect(valid).toEqual(whole.entries.map((e) => ({ line: e.line, item: e.item })));
      if (format === 'backup') expect(items[0]).toEqual({ item: records[0]!.item, provenance: {}, tags: [], note: '' });
    }
  });
});
