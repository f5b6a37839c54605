import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { createLibraryRepository, createSearchIndex, openLibraryDb } from '@/lib/library';
import { SCHEMA_V2, SCHEMA_V3 } from '@/lib/library/db';
import { migrateV1toV2, migrateV3toV4, repairRecord } from '@/lib/library/migrations';
import { generateRecords } from '../../scripts/bench/search';

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
});

describe('upgrading a stored database', () => {
  it('from version 1 keeps all 10,000 records, searchable and de-duplicated', async () => {
    const name = `upgrade-v1-${Date.now()}`;
    const records = generateRecords(10_000, 5);
    // Rows as version 1 stored them, including two damaged ones a bug could have left behind.
    const rows: unknown[] = [...records];
    rows[17] = { ...records[17]!, tags: undefined };
    rows[4242] = { ...records[4242]!, item: { ...records[4242]!.item, URL: 'ftp://old.example/x' } };
    const v1 = new Dexie(name);
    v1.version(1).stores(V1);
    await v1.table('records').bulkAdd(rows);
    v1.close();

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
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    await v2.table('records').bulkAdd(records);
    await v2.table('searchBlocks').bulkAdd(blocks);
    await v2.table('dedupe').bulkAdd(dedupe);
    v2.close();

    const db = openLibraryDb(name);
    const repo = createLibraryRepository(db);
    expect(await repo.count()).toBe(10_000);
    expect(db.verno).toBe(5); // through version 3 (indexes), 4 (sort keys) and 5 (stamps)
    // The indexes IndexedDB itself holds, not only what Dexie declares.
    const stores = db.backendDB().transaction(['records', 'dedupe']);
    expect([...stores.objectStore('records').indexNames].sort()).toEqual(['savedAt', 'tags']);
    expect([...stores.objectStore('dedupe').indexNames]).toEqual(['keys']);
    expect(await repo.byIds(records.map((r) => r.id))).toEqual(records);
    const sample = records[4321]!;
    expect(createSearchIndex({ blocks: await repo.searchBlocks() }).search(`"${sample.item.title}"`).ids).toContain(sample.id);
    expect((await repo.save([{ item: sample.item, provenance: {} }])).duplicates[0]?.duplicateOf.id).toBe(sample.id);
    expect((await repo.tagsStartingWith('')).length).toBeGreaterThan(0);
    await db.delete();
  }, 60_000);

  it('from version 3 rebuilds the search blocks with the sort keys the library page needs', async () => {
    const name = `upgrade-v3-${Date.now()}`;
    const records = generateRecords(2500, 9);
    const { blocks, dedupe } = migrateV1toV2(records, 1);
    // Blocks as versions 2 and 3 wrote them: no author keys, no page counts.
    const oldBlocks = blocks.map(({ authorKeys: _a, pages: _p, ...rest }) => rest);
    const v3 = new Dexie(name);
    v3.version(3).stores(SCHEMA_V3);
    await v3.table('records').bulkAdd(records);
    await v3.table('searchBlocks').bulkAdd(oldBlocks);
    await v3.table('dedupe').bulkAdd(dedupe);
    v3.close();

    const db = openLibraryDb(name);
    const repo = createLibraryRepository(db);
    expect(await repo.count()).toBe(2500);
    const stored = await repo.searchBlocks();
    expect(stored.every((b) => b.pages.length === b.savedAt.length && b.authorKeys.split('\n').length === b.savedAt.length)).toBe(true);
    const index = createSearchIndex({ blocks: stored });
    const byPages = index.search('', { sort: 'pages' }).ids;
    const pagesOf = new Map(records.map((r) => [r.id, Number(r.item['number-of-pages'] ?? -1)]));
    const counts = byPages.map((id) => pagesOf.get(id)!);
    const withCount = counts.filter((n) => n >= 0);
    expect(withCount).toEqual([...withCount].sort((a, b) => b - a));
    expect(counts.slice(withCount.length).every((n) => n < 0)).toBe(true);
    expect(await db.dedupe.count()).toBe(2500);
    const sample = records[1234]!;
    expect((await repo.save([{ item: sample.item, provenance: {} }])).duplicates[0]?.duplicateOf.id).toBe(sample.id);
    await db.delete();
  }, 60_000);
  it('from version 4 stamps every search block, keeps all 10,000 records, and a stored pack then serves search', async () => {
    const name = `upgrade-v4-${Date.now()}`;
    const records = generateRecords(10_000, 13);
    const { blocks, dedupe } = migrateV3toV4(records);
    const v4 = new Dexie(name);
    v4.version(4).stores(SCHEMA_V3);
    await v4.table('records').bulkAdd(records);
    await v4.table('searchBlocks').bulkAdd(blocks);
    await v4.table('dedupe').bulkAdd(dedupe);
    v4.close();

    const db = openLibraryDb(name);
    const repo = createLibraryRepository(db);
    expect(await repo.byIds(records.map((r) => r.id))).toEqual(records);
    const table = await repo.searchTable();
    expect(db.verno).toBe(5);
    expect([...table.stamps.values()].every(Boolean)).toBe(true);
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
});
