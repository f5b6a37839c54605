import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createLibraryRepository, openLibraryDb, type ColophonDb } from '@/lib/library';
import { duplicateKeys } from '@/lib/library/dedupe';
import { decodeKeyBlock, encodeKeyBlock, indexKeyBlock, keyHash, keyRow, type KeyIndex } from '@/lib/library/key-blocks';
import type { CslItem } from '@/lib/model';

let db: ColophonDb;
afterEach(() => db?.delete());

/** Two different DOIs whose keys share a hash, found by trying (about 40,000 tries for 30 bits). */
function collidingDois(): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const doi = `10.5555/${i.toString(36)}`;
    const hash = keyHash(`doi:${doi}`);
    const other = seen.get(hash);
    if (other !== undefined) {
      // The keys the library computes are those hashed here.
      expect(duplicateKeys({ type: 'report', title: 'x', DOI: doi })[0]).toBe(`doi:${doi}`);
      return [other, doi];
    }
    seen.set(hash, doi);
  }
}

describe('key blocks', () => {
  it('decode to the rows they were encoded from, and index every record under each of its keys', () => {
    const rows = [keyRow('a', ['doi:10.5555/x', 'url:example.org/x']), keyRow('b', []), keyRow('c', ['head:regional', 'doi:10.5555/x'])];
    const block = encodeKeyBlock(4, rows);
    expect(block.block).toBe(4);
    expect(decodeKeyBlock(block)).toEqual(rows);
    expect(decodeKeyBlock(encodeKeyBlock(0, []))).toEqual([]);
    const index: KeyIndex = new Map();
    indexKeyBlock(index, block);
    expect(index.get(keyHash('doi:10.5555/x'))).toEqual(['a', 'c']);
    expect(index.get(keyHash('head:regional'))).toEqual(['c']);
    expect(index.get(keyHash('tail:missing'))).toBeUndefined();
  });

  it('hash keys to small integers, which differ for keys that differ by a letter', () => {
    const hashes = ['doi:10.1/a', 'doi:10.1/b', 'head:cultural policy', 'head:cultural polícy', ''].map(keyHash);
    for (const h of hashes) expect(h >= 0 && h < 2 ** 30 && Number.isInteger(h)).toBe(true);
    expect(new Set(hashes).size).toBe(hashes.length);
  });

  it('only pick records to compare: two publications whose keys share a hash are both saved', async () => {
    const [first, second] = collidingDois();
    expect(first).not.toBe(second);
    db = openLibraryDb('key-hash-collision');
    const repo = createLibraryRepository(db);
    const one: CslItem = { type: 'report', title: 'Urban mobility plans in Europe', DOI: first, issued: { 'date-parts': [[2017]] } };
    const other: CslItem = { type: 'book', title: 'A history of the Adriatic ports', DOI: second, issued: { 'date-parts': [[1999]] } };
    await repo.save([{ item: one, provenance: {} }]);
    expect(await repo.findDuplicates([{ item: other, provenance: {} }])).toEqual([]);
    expect((await repo.save([{ item: other, provenance: {} }])).saved).toHaveLength(1);
    expect((await repo.findDuplicates([{ item: one, provenance: {} }]))[0]?.rule).toBe('doi');
    expect(await repo.count()).toBe(2);
  });

  it('are read once when the popup’s check comes while the background reads them ahead', async () => {
    db = openLibraryDb('key-read-ahead');
    const item: CslItem = { type: 'report', title: 'Cities and the energy transition', DOI: '10.5555/energy' };
    await createLibraryRepository(db).save([{ item, provenance: {} }]);
    const repo = createLibraryRepository(db);
    let reads = 0;
    const original = db.keyBlocks.toArray.bind(db.keyBlocks);
    db.keyBlocks.toArray = ((...args: Parameters<typeof original>) => (reads++, original(...args))) as typeof original;
    const ahead = repo.readKeys();
    const [found] = await repo.findDuplicates([{ item, provenance: {} }]);
    await ahead;
    expect(found?.rule).toBe('doi');
    expect((await repo.save([{ item, provenance: {} }])).duplicates).toHaveLength(1);
    await repo.readKeys(); // kept: nothing to read
    db.keyBlocks.toArray = original;
    expect(reads).toBe(1);
  });
});
