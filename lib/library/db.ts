/**
 * The one place that opens the Dexie database. Versions are append-only (STYLE.md 8): never edit a
 * version once shipped; add a new one with an upgrade that calls a pure migration in `migrations.ts`.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { KeyBlock } from './key-blocks';
import { migrateV1toV2, migrateV3toV4, migrateV4toV5, migrateV6toV7, newStamp, type StoredRecord } from './migrations';
import { DB_NAME } from './newest';
import type { SearchBlock } from './search/blocks';
import type { SearchPack } from './search/search-index';

export { DB_NAME };

export type ColophonDb = Dexie & {
  /** Each record with the search block holding it (since version 5; see StoredRecord). */
  records: EntityTable<StoredRecord, 'id'>;
  /** The compact search table, in blocks of pre-split words (lib/library/search/blocks.ts). Since version 2. */
  searchBlocks: EntityTable<SearchBlock, 'block'>;
  /** The built search index as one value, a cache over `searchBlocks` (search-index.ts, SearchPack). Since version 6. */
  searchPack: EntityTable<SearchPack, 'id'>;
  /** The records' de-duplication keys, one row per search block (KeyBlock). Since version 7. */
  keyBlocks: EntityTable<KeyBlock, 'block'>;
};


/** Version 1, as shipped with the walking skeleton: records only. */
export const SCHEMA_V1 = { records: 'id, savedAt, updatedAt, *tags, item.DOI, item.ISBN, item.URL' };
/** Version 2 (issue 4): search blocks and de-duplication keys. */
export const SCHEMA_V2 = { ...SCHEMA_V1, searchBlocks: 'block', dedupe: 'id, *keys, block' };
/**
 * Version 3: only the indexes something reads. Duplicates are found through `dedupe.keys` since version 2, and
 * nothing queries by `updatedAt`, DOI, ISBN, URL or block; each index cost every write (a third of an import).
 * `savedAt` (newest first, also read without Dexie by newest.ts) and `tags` (autocomplete) stay.
 */
export const SCHEMA_V3 = { records: 'id, savedAt, *tags', searchBlocks: 'block', dedupe: 'id, *keys' };
/**
 * Version 5: the dedupe rows folded into the records (`*keys` on records), the `dedupe` table deleted. An import
 * writes one row per entry instead of two.
 */
export const SCHEMA_V5 = { records: 'id, savedAt, *tags, *keys', searchBlocks: 'block', dedupe: null };

/**
 * Version 6: each search block carries a `stamp`, new whenever the block is written, indexed so a load can list
 * every block's stamp without reading the blocks; and `searchPack` holds the built index. A later version that
 * rebuilds the blocks stamps them anew (`newStamp`), so no stored pack vouches for them.
 */
export const SCHEMA_V6 = { records: SCHEMA_V5.records, searchBlocks: 'block, stamp', searchPack: 'id' };

/**
 * Version 7: the de-duplication keys move from the records' `*keys` index to `keyBlocks`, one row per search block
 * (key-blocks.ts), which the repository reads whole into memory. Each key had been an index entry every record
 * wrote: four per record, 0.65 s of a 10,000-entry import (5.25 s) in Chromium.
 */
export const SCHEMA_V7 = { records: 'id, savedAt, *tags', searchBlocks: SCHEMA_V6.searchBlocks, searchPack: 'id', keyBlocks: 'block' };

/** Opens (or creates) the library database; `name` lets tests use a fresh one. */
export function openLibraryDb(name: string = DB_NAME): ColophonDb {
  // Strict durability: a record reported as saved is on disk, not in an OS write cache.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as ColophonDb;
  db.version(1).stores(SCHEMA_V1);
  db.version(2)
    .stores(SCHEMA_V2)
    .upgrade(async (tx) => {
      const { repaired, blocks, dedupe } = migrateV1toV2(await tx.table('records').toArray(), Date.now());
      if (repaired.length) await tx.table('records').bulkPut(repaired);
      await tx.table('searchBlocks').bulkPut(blocks);
      await tx.table('dedupe').bulkPut(dedupe);
    });
  db.version(3).stores(SCHEMA_V3); // drops indexes only: no data changes
  // Version 4 (issue 6): search blocks carry the library page's sort keys (first author, page count).
  db.version(4)
    .stores(SCHEMA_V3)
    .upgrade(async (tx) => {
      const { blocks, dedupe } = migrateV3toV4(await tx.table('records').toArray());
      await tx.table('searchBlocks').clear();
      await tx.table('dedupe').clear();
      await tx.table('searchBlocks').bulkPut(blocks);
      await tx.table('dedupe').bulkPut(dedupe);
    });
  db.version(5)
    .stores(SCHEMA_V5)
    .upgrade(async (tx) => {
      const { rows, blocks } = migrateV4toV5(await tx.table('records').toArray());
      await tx.table('searchBlocks').clear();
      await tx.table('searchBlocks').bulkPut(blocks);
      await tx.table('records').bulkPut(rows);
    });
  db.version(6)
    .stores(SCHEMA_V6)
    .upgrade(async (tx) => {
      await tx
        .table('searchBlocks')
        .toCollection()
        .modify((block: SearchBlock) => {
          block.stamp = newStamp();
        });
    });
  db.version(7)
    .stores(SCHEMA_V7)
    .upgrade(async (tx) => {
      await tx.table('keyBlocks').bulkPut(migrateV6toV7(await tx.table('records').toArray()));
    });
  return db;
}
