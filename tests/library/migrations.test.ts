import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createLibraryRepository, createSearchIndex, openLibraryDb } from '@/lib/library';
import { SCHEMA_V2, SCHEMA_V3, SCHEMA_V5, SCHEMA_V6 } from '@/lib/library/db';
import { duplicateKeys } from '@/lib/library/dedupe';
import { decodeKeyBlock, keyHash } from '@/lib/library/key-blocks';
import { migrateV1toV2, migrateV3toV4, migrateV4toV5, migrateV6toV7, repairRecord } from '@/lib/library/migrations';
import { generateRecords } from '../../scripts/bench/search';
import { storeAsVersion } from './stored-db';

// Version 1 exactly as shipped with the walking skeleton: copied, not imported, so editing db.ts cannot change it.
const V1 = { records: 'id, savedAt, updatedAt, *tags, item.DOI, item.ISBN, item.URL' };

describe('migrations (pure)', () => {
  it('keeps a valid record as it is', () => {
    const [record] = generateRecords(1);
    expect(repairRecord(record, { id: 'x', now: 5 })).toEqual(record);
  });

  it('repairs a damaged record instead of dropping it', () => {
    const repaired = repairRecord(
      { id: 'a', savedAt: 10, item: { type: 'poem', title: '', URL: 'javascript:alert(1)', DOI: 'nope', publisher: 'IRMO' }, tags: ['ok', 5], note: 7 },
      { id: 'x', now: 99 },
    );
    expect(repaired).toEqual({ id: 'a', savedAt: 10, updatedAt: 10, tags: ['ok'], note: '', item: { type: 'document', title: 'Untitled', publisher: 'IRMO' }, provenance: {} });
    expect(repairRecord(null, { id: 'x', now: 99 })).toMatchObject({ id: 'x', savedAt: 99, item: { title: 'Untitled' } });
  });

  it('builds search blocks and dedupe keys for every record', () => {
    const records = generateRecords(2500, 3);
    const { records: kept, repaired, blocks, dedupe } = migrateV1toV2(records, 1);
    expect(kept).toEqual(records);
    expect(repaired).toEqual([]);
    expect(blocks.map((b) => b.savedAt.length)).toEqual([1000, 1000, 500]);
    expect(dedupe).toHaveLength(2500);
    expect(createSearchIndex({ blocks }).size).toBe(2500);
  });

  it('folds each record\'s keys and block into its row (version 5), records otherwise unchanged', () => {
    const records = generateRecords(2500, 4);
    const { rows, blocks } = migrateV4toV5(records);
    expect(rows.map(({ keys: _k, block: _b, ...record }) => record)).toEqual(records);
    expect(rows.every((row, i) => JSON.stringify(row.keys) === JSON.stringify(duplicateKeys(records[i]!.item)))).toBe(true);
    // Each row's block is the block that holds its search row.
    const blockOf = new Map(blocks.flatMap((b) => b.ids.split('\n').map((id) => [id, b.block] as const)));
    expect(rows.every((row) => blockOf.get(row.id) === row.block)).toBe(true);
    expect(createSearchIndex({ blocks }).size).toBe(2500);
  });

  it('gathers each block\'s records and their keys, computed again, into a key block (version 7)', () => {
    const records = generateRecords(2500, 5);
    const { rows } = migrateV4toV5(records);
    // A row of version 6 may still carry a whole long title as a key: the key block has the keys of today.
    const stale = rows.map((row, i) => (i === 3 ? { ...row, keys: [...row.keys!, 'title:a whole long title'] } : row));
    const keyBlocks = migrateV6toV7(stale);
    expect(keyBlocks.map((k) => [k.block, decodeKeyBlock(k).length])).toEqual([[0, 1000], [1, 1000], [2, 500]]);
    const hashesOf = new Map(keyBlocks.flatMap(decodeKeyBlock).map((r) => [r.id, r.hashes] as const));
    expect(records.every((r) => JSON.stringify(hashesOf.get(r.id)) === JSON.stringify(duplicateKeys(r.item).map(keyHash)))).toBe(true);
    expect(rows.every((row) => decodeKeyBlock(keyBlocks[row.block]!).some((r) => r.id === row.id))).toBe(true);
  });
});

/** What IndexedDB itself holds (not what Dexie declares): the stores, and the records' indexes. */
function storedSchema(db: ReturnType<typeof openLibraryDb>) {
  const idb = db.backendDB();
  return { stores: [...idb.objectStoreNames].sort(), recordIndexes: [...idb.transaction('records').objectStore('records').indexNames].sort() };
}
const LATEST_SCHEMA = { stores: ['keyBlocks', 'records', 'searchBlocks', 'searchPack'], recordIndexes: ['savedAt', 'tags'] };

describe('upgrading a stored database', () => {
  it('from version 1 keeps all 10,000 records, searchable and de-duplicated', async () => {
    const name = `upgrade-v1-${Date.now()}`;
    const records = generateRecords(10_000, 5);
    // Rows as version 1 stored them, including two damaged ones a bug could have left behind.
    const rows: unknown[] = [...records];
    rows[17] = { ...records[17]!, tags: undefined };
    rows[4242] = { ...records[4242]!, item: { ...records[4242]!.item, URL: 'ftp://old.example/x' } };
    await storeAsVersion(name, 1, V1, { records: rows });

    const db = openLibraryDb(name);
    const repo = createLibraryRepository(db);
    expect(await repo.count()).toBe(10_000);
    const ids = records.map((r) => r.id);
    const after = await repo.byIds(ids);
    expect(after.map((r) => r.id)).toEqual(ids);
    expect(after[17]!.tags).toEqual([]);
    expect(after[4242]!.item.URL).toBeUndefined();
    expect(after[4242]!.item.title).toBe(records[4242]!.item.title);
    expect(after.filter((r, i) => i !== 17 && i !== 4242)).toEqual(records.filter((_, i) => i !== 17 && i !== 4242));
    expect(db.verno).toBe(7);
    expect(storedSchema(db)).toEqual(LATEST_SCHEMA);

    const index = createSearchIndex({ blocks: await repo.searchBlocks() });
    expect(index.size).toBe(10_000);
    const sample = records[777]!;
    expect(index.search(`"${sample.item.title}"`).ids).toContain(sample.id);
    expect((await repo.recent(3)).map((r) => r.id)).toEqual([ids[9999], ids[9998], ids[9997]]);
    // De-duplication works against upgraded records.
    const again = await repo.save([{ item: sample.item, provenance: {} }]);
    expect(again.saved).toEqual([]);
    expect(again.duplicates[0]?.duplicateOf.id).toBe(sample.id);
    await db.delete();
  }, 60_000);

  it('from version 2 drops the unused indexes and keeps all 10,000 records, searchable and de-duplicated', async () => {
    const name = `upgrade-v2-${Date.now()}`;
    const records = generateRecords(10_000, 6);
    const { blocks, dedupe } = migrateV1toV2(records, 1);
    await storeAsVersion(name, 2, SCHEMA_V2, { records, searchBlocks: blocks, dedupe });

    const db = openLibraryDb(name);
    const repo = createLibraryRepository(db);
    expect(await repo.count()).toBe(10_000);
    expect(db.verno).toBe(7); // through version 3 (indexes), 4 (sort keys), 5 (keys in the records), 6 (stamps) and 7 (key blocks)
    expect(storedSchema(db)).toEqual(LATEST_SCHEMA);
    expect(await repo.byIds(records.map((r) => r.id))).toEqual(records);
    const sample = records[4321]!;
    expect(createSearchIndex({ blocks: await repo.searchBlocks() }).search(`"${sample.item.title}"`).ids).toContain(sample.id);
    expect((await repo.save([{ item: sample.item, provenance: {} }])).duplicates[0]?.duplicateOf.id).toBe(sample.id);
    expect((await repo.tagsStartingWith('')).length).toBeGreaterThan(0);
    await db.delete();
  }, 60_000);

  it('from version 3 rebuilds the search blocks with the sort keys the library page needs', async () => {
    const name = `upgrade-v3-${Date.now()}`;
    const records = generateRecords(10_000, 9);
    const { blocks, dedupe } = migrateV1toV2(records, 1);
    // Blocks as versions 2 and 3 wrote them: no author keys, no page counts.
    const oldBlocks = blocks.map(({ authorKeys: _a, pages: _p, ...rest }) => rest);
    await storeAsVersion(name, 3, SCHEMA_V3, { records, searchBlocks: oldBlocks, dedupe });

    const db = openLibraryDb(name);
    const repo = createLibraryRepository(db);
    expect(await repo.count()).toBe(10_000);
    expect(await repo.byIds(records.map((r) => r.id))).toEqual(records);
    const stored = await repo.searchBlocks();
    expect(stored.every((b) => b.pages.length === b.savedAt.length && b.authorKeys.split('\n').length === b.savedAt.length)).toBe(true);
    const index = createSearchIndex({ blocks: stored });
    const byPages = index.search('', { sort: 'pages' }).ids;
    const pagesOf = new Map(records.map((r) => [r.id, Number(r.item['number-of-pages'] ?? -1)]));
    const counts = byPages.map((id) => pagesOf.get(id)!);
    const withCount = counts.filter((n) => n >= 0);
    expect(withCount).toEqual([...withCount].sort((a, b) => b - a));
    expect(counts.slice(withCount.length).every((n) => n < 0)).toBe(true);
    expect(storedSchema(db)).toEqual(LATEST_SCHEMA);
    const sample = records[1234]!;
    expect((await repo.save([{ item: sample.item, provenance: {} }])).duplicates[0]?.duplicateOf.id).toBe(sample.id);
    await db.delete();
  }, 60_000);

  it('from version 4 folds the dedupe rows into the records and keeps all 10,000, searchable, de-duplicated and editable', async () => {
    const name = `upgrade-v4-${Date.now()}`;
    const records = generateRecords(10_000, 11);
    const { blocks, dedupe } = migrateV3toV4(records);
    // Version 4 kept version 3's tables and indexes. One record's dedupe row lost (a bug, a crash): it must come out
    // with keys and a block all the same.
    await storeAsVersion(name, 4, SCHEMA_V3, { records, searchBlocks: blocks, dedupe: dedupe.filter((d) => d.id !== records[5555]!.id) });

    const db = openLibraryDb(name);
    const repo = createLibraryRepository(db);
    expect(await repo.count()).toBe(10_000);
    expect(db.verno).toBe(7);
    expect(storedSchema(db)).toEqual(LATEST_SCHEMA);
    // Every record kept, and what leaves the repository is the record alone, without the stored keys and block.
    expect(await repo.byIds(records.map((r) => r.id))).toEqual(records);
    expect((await repo.recent(2)).map((r) => Object.keys(r).sort())).toEqual([Object.keys(records[0]!).sort(), Object.keys(records[0]!).sort()]);

    const index = createSearchIndex({ blocks: await repo.searchBlocks() });
    expect(index.size).toBe(10_000);
    const lost = records[5555]!;
    expect(index.search(`"${lost.item.title}"`).ids).toContain(lost.id);
    // De-duplication through the records' own keys, for a save and for an import, including the record whose
    // dedupe row was lost.
    expect((await repo.save([{ item: lost.item, provenance: {} }])).duplicates[0]?.duplicateOf.id).toBe(lost.id);
    // (From both ends of the id order, so the keys come from more than one page of rows.)
    const again = await repo.importItems([...records.slice(0, 300), ...records.slice(-300)].map((r) => r.item));
    expect(again.added).toBe(0);
    expect(again.duplicates).toHaveLength(600);

    // An edit moves the record's keys with it and keeps its search row in its block; a delete removes both.
    const edited = records[42]!;
    await repo.update(edited.id, { item: { title: 'A title changed after the upgrade, long enough to split' } });
    expect((await repo.findDuplicates([{ item: { ...edited.item, title: 'A title changed after the upgrade, long enough to split', DOI: undefined, URL: undefined }, provenance: {} }]))[0]?.duplicateOf.id).toBe(edited.id);
    const afterEdit = createSearchIndex({ blocks: await repo.searchBlocks() });
    expect(afterEdit.size).toBe(10_000);
    expect(afterEdit.search('"changed after the upgrade"').ids).toEqual([edited.id]);
    await repo.remove([lost.id]);
    expect(createSearchIndex({ blocks: await repo.searchBlocks() }).size).toBe(9_999);
    expect(await repo.findDuplicates([{ item: lost.item, provenance: {} }])).toEqual([]);
    await db.delete();
  }, 90_000);

  it('from version 5 stamps every search block, keeps all 10,000 records, and a stored pack then serves search', async () => {
    const name = `upgrade-v5-${Date.now()}`;
    const records = generateRecords(10_000, 13);
    const { rows, blocks } = migrateV4toV5(records);
    await storeAsVersion(name, 5, SCHEMA_V5, { records: rows, searchBlocks: blocks });

    const db = openLibraryDb(name);
    const repo = createLibraryRepository(db);
    expect(await repo.byIds(records.map((r) => r.id))).toEqual(records);
    const table = await repo.searchTable();
    expect(db.verno).toBe(7);
    expect(storedSchema(db)).toEqual(LATEST_SCHEMA);
    expect(table.stamps.size).toBe(10);
    expect(new Set(table.stamps.values()).size).toBe(10); // every block stamped, each anew
    expect(table.blocks).toHaveLength(10);
    const index = createSearchIndex(table);
    expect(index.size).toBe(10_000);
    await repo.savePack(index.toPack(table.stamps)!);
    const packed = await repo.searchTable();
    expect(packed.blocks).toEqual([]);
    const sample = records[8765]!;
    expect(createSearchIndex(packed).search(`"${sample.item.title}"`).ids).toContain(sample.id);
    expect(createSearchIndex(packed).size).toBe(10_000);
    await db.delete();
  }, 60_000);

  it('from version 6 moves the keys into key blocks and drops the keys index; all 10,000 records stay de-duplicated and editable', async () => {
    const name = `upgrade-v6-${Date.now()}`;
    const records = generateRecords(10_000, 17);
    const { rows, blocks } = migrateV4toV5(records);
    await storeAsVersion(name, 6, SCHEMA_V6, { records: rows, searchBlocks: blocks.map((b) => ({ ...b, stamp: `s${b.block}` })) });

    const db = openLibraryDb(name);
    const repo = createLibraryRepository(db);
    expect(await repo.byIds(records.map((r) => r.id))).toEqual(records);
    expect(db.verno).toBe(7);
    expect(storedSchema(db)).toEqual(LATEST_SCHEMA);
    expect((await db.keyBlocks.toArray()).map((k) => decodeKeyBlock(k).length)).toEqual(blocks.map((b) => b.savedAt.length));
    const sample = records[4321]!;
    expect((await repo.save([{ item: sample.item, provenance: {} }])).duplicates[0]?.duplicateOf.id).toBe(sample.id);
    const again = await repo.importItems([...records.slice(0, 300), ...records.slice(-300)].map((r) => r.item));
    expect(again).toMatchObject({ added: 0, invalid: [] });
    expect(again.duplicates).toHaveLength(600);
    // An edited row is written without the keys it carried: they are in its key block now.
    const title = 'A title changed after the upgrade, long enough to split';
    await repo.update(sample.id, { item: { title } });
    expect(await db.records.get(sample.id)).not.toHaveProperty('keys');
    const moved = { ...sample.item, title, DOI: undefined, URL: undefined };
    expect((await createLibraryRepository(db).findDuplicates([{ item: moved, provenance: {} }]))[0]?.duplicateOf.id).toBe(sample.id);
    await repo.remove([sample.id]);
    expect(await createLibraryRepository(db).findDuplicates([{ item: moved, provenance: {} }])).toEqual([]);
    await db.delete();
  }, 90_000);
});
