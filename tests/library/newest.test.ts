import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createLibraryRepository, createSearchIndex, openLibraryDb, readNewest } from '@/lib/library';
import { readSearchPack } from '@/lib/library/newest';
import { SCHEMA_V1 } from '@/lib/library/db';
import { storeAsVersion } from './stored-db';
import type { Candidate } from '@/lib/model';

const candidate = (title: string): Candidate => ({ item: { type: 'report', title }, provenance: {} });
let n = 0;
const name = () => `newest-${++n}`;

describe('readNewest (the popup’s first rows, without Dexie)', () => {
  it('gives the same rows in the same order as the repository’s recent()', async () => {
    const dbName = name();
    let clock = 1000;
    const repo = createLibraryRepository(openLibraryDb(dbName), { now: () => clock });
    for (let i = 0; i < 30; i++) {
      clock += i % 3 === 0 ? 0 : 7; // some records share a save time
      await repo.saveCandidates([candidate(`Record ${i}`), candidate(`Record ${i} bis`)]);
    }
    for (const limit of [1, 5, 40, 100]) {
      expect((await readNewest(limit, dbName)).map((r) => r.id)).toEqual((await repo.recent(limit)).map((r) => r.id));
    }
  });

  it('gives no rows on a first run and does not create the database', async () => {
    const dbName = name();
    expect(await readNewest(40, dbName)).toEqual([]);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(dbName);
    // Dexie then creates it as usual.
    const repo = createLibraryRepository(openLibraryDb(dbName));
    await repo.saveCandidates([candidate('First')]);
    expect((await readNewest(40, dbName)).map((r) => r.item.title)).toEqual(['First']);
  });

  it('reads a library still at version 1 and leaves its upgrade unblocked', async () => {
    const dbName = name();
    await storeAsVersion(dbName, 1, SCHEMA_V1, { records: [{ id: 'a', item: { type: 'book', title: 'Old' }, provenance: {}, tags: [], note: '', savedAt: 1, updatedAt: 1 }] });
    expect((await readNewest(40, dbName)).map((r) => r.id)).toEqual(['a']);
    const repo = createLibraryRepository(openLibraryDb(dbName)); // upgrades to version 2
    expect((await repo.recent(5)).map((r) => r.id)).toEqual(['a']);
    expect(await repo.searchBlocks()).not.toEqual([]);
  });
  it('an old library: the search pack reads as none, and the upgrade is not blocked', async () => {
    const dbName = name();
    await storeAsVersion(dbName, 1, SCHEMA_V1, { records: [{ id: 'a', item: { type: 'book', title: 'Old' }, provenance: {}, tags: [], note: '', savedAt: 1, updatedAt: 1 }] });
    expect((await readSearchPack(dbName))()).toBeNull();
    expect((await createLibraryRepository(openLibraryDb(dbName)).searchBlocks()).length).toBe(1);
  });
});

describe('readSearchPack (the popup’s early read of the search table, without Dexie)', () => {
  it('gives none on a first run, then the pack the repository stored, which the repository accepts as read', async () => {
    const dbName = name();
    expect((await readSearchPack(dbName))()).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(dbName);
    const repo = createLibraryRepository(openLibraryDb(dbName));
    await repo.saveCandidates([candidate('Cultural policy'), candidate('Urban heritage')]);
    expect((await readSearchPack(dbName))()).toBeNull(); // nothing stored a pack yet
    const table = await repo.searchTable();
    const pack = createSearchIndex(table).toPack(table.stamps)!;
    await repo.savePack(pack);
    const early = (await readSearchPack(dbName))();
    expect(early).toEqual(pack);
    const given = await repo.searchTable(early);
    expect(given.pack).toEqual(pack);
    expect(given.blocks).toEqual([]);
    expect(createSearchIndex(given).search('heritage').ids).toHaveLength(1);
  });
});
