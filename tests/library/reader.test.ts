import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createLibraryReader, createLibraryRepository, createSearchIndex, openLibraryDb, type LibraryReads } from '@/lib/library';
import { SCHEMA_V3 } from '@/lib/library/db';
import { migrateV3toV4 } from '@/lib/library/migrations';
import { SCHEMA_VERSION } from '@/lib/library/newest';
import type { Candidate } from '@/lib/model';
import { generateRecords } from '../../scripts/bench/search';
import { storeAsVersion } from './stored-db';

let n = 0;
const name = () => `reader-${++n}`;
const candidate = (title: string, tags: string[] = []): Candidate & { tags: string[]; note: string } => ({ item: { type: 'report', title }, provenance: {}, tags, note: '' });

/** A reader whose `upgrade` is the repository, counting how often it was needed. */
function readerOf(dbName: string) {
  const upgrades = { count: 0, refreshes: 0 };
  const reader = createLibraryReader({
    name: dbName,
    upgrade: async () => {
      upgrades.count++;
      return createLibraryRepository(openLibraryDb(dbName));
    },
    // What the background does for a view (the `refreshSearchPack` message).
    refreshPack: async () => (upgrades.refreshes++, createLibraryRepository(openLibraryDb(dbName)).refreshPack()),
  });
  return { reader, upgrades };
}

describe('the views’ reader (IndexedDB itself, without Dexie)', () => {
  it('answers every read as the repository does, without loading the repository', async () => {
    const dbName = name();
    let clock = 1_700_000_000_000;
    const repo = createLibraryRepository(openLibraryDb(dbName), { now: () => (clock += 10) });
    await repo.importItems([candidate('Cultural policy', ['Culture', 'cities']), candidate('Urban heritage', ['Čulture-heritage']), candidate('Museums', ['museums'])]);
    await repo.importItems(generateRecords(1200, 3).map(({ item, tags }) => ({ item, provenance: {}, tags })));
    const { reader, upgrades } = readerOf(dbName);
    const both = async <T>(read: (r: LibraryReads) => Promise<T>) => expect(await read(reader)).toEqual(await read(repo));

    await both((r) => r.recent(25));
    const ids = (await repo.recent(5)).map((r) => r.id);
    await both((r) => r.byIds([ids[3]!, 'gone', ids[0]!]));
    await both((r) => r.count());
    // The generated entries' own tags are imported too (an entry with tags and no note keeps them).
    expect(await reader.tagsStartingWith('cu')).toEqual(['culture', 'Culture', 'Čulture-heritage']);
    await both((r) => r.tagsStartingWith('cu'));
    await both((r) => r.tagsStartingWith('CUL', 1));
    // The search table, against an index built from every stored block (read by Dexie).
    const truth = createSearchIndex({ blocks: await repo.searchBlocks() });
    const fromReader = createSearchIndex(await reader.searchTable());
    for (const q of ['', 'tag:museums', 'cultural', 'heritage year:1990..2020']) expect(fromReader.search(q).ids).toEqual(truth.search(q).ids);
    expect(upgrades.count).toBe(0);

    // A pack the reader asked for (it writes nothing itself) serves the next load, through either.
    expect(await reader.refreshPack()).toBe(false); // two blocks: not worth one
    await repo.importItems(generateRecords(3000, 5).map(({ item, tags }) => ({ item, provenance: {}, tags })));
    expect(await reader.refreshPack()).toBe(true);
    expect(upgrades.refreshes).toBe(2);
    const packed = await reader.searchTable();
    expect(packed.pack).toBeDefined();
    expect(packed.blocks).toEqual([]);
    expect(packed).toEqual(await repo.searchTable());
    expect(createSearchIndex(packed).search('tag:museums').ids).toHaveLength(1);
    expect(createSearchIndex(packed).size).toBe(await repo.count());
  });

  it('leaves a missing database to the repository, which creates it', async () => {
    const dbName = name();
    const { reader, upgrades } = readerOf(dbName);
    expect(await reader.recent(40)).toEqual([]);
    expect(upgrades.count).toBe(1);
    expect((await indexedDB.databases()).find((d) => d.name === dbName)?.version).toBe(SCHEMA_VERSION * 10);
    expect((await reader.searchTable()).blocks).toEqual([]);
    expect(upgrades.count).toBe(1);
  });

  it('leaves an older database to the repository, which upgrades it, and keeps every record', async () => {
    const dbName = name();
    const records = generateRecords(1500, 4);
    const { blocks, dedupe } = migrateV3toV4(records);
    await storeAsVersion(dbName, 4, SCHEMA_V3, { records, searchBlocks: blocks, dedupe });
    const { reader, upgrades } = readerOf(dbName);
    expect(await reader.count()).toBe(1500);
    expect(upgrades.count).toBe(1);
    const table = await reader.searchTable();
    expect([...table.stamps.values()].every(Boolean)).toBe(true);
    expect(createSearchIndex(table).size).toBe(1500);
  });

  it('never blocks an upgrade by another page: it lets go of the database and opens it again', async () => {
    const dbName = name();
    const repo = createLibraryRepository(openLibraryDb(dbName));
    await repo.saveCandidates([candidate('Before the upgrade')]);
    const { reader } = readerOf(dbName);
    expect(await reader.count()).toBe(1);
    // A later version, as the background would open it after an update (a store added, nothing else changed).
    const later = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(dbName, SCHEMA_VERSION * 10 + 10);
      request.onupgradeneeded = () => request.result.createObjectStore('later');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error('blocked by the reader'));
    });
    later.close();
    expect(await reader.count()).toBe(1);
  });

  it('SCHEMA_VERSION is the newest version db.ts declares', async () => {
    const db = openLibraryDb(name());
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    db.close();
  });
});
