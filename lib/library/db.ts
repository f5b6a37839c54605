/**
 * The one place that opens the Dexie database. Versions are append-only (STYLE.md 8): never edit a
 * version once shipped; add a new one with an upgrade that calls a pure migration in `migrations.ts`.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { LibraryRecord } from '../model';

export type ColophonDb = Dexie & { records: EntityTable<LibraryRecord, 'id'> };

export const DB_NAME = 'colophon';

/** Opens (or creates) the library database; `name` lets tests use a fresh one. */
export function openLibraryDb(name: string = DB_NAME): ColophonDb {
  // Strict durability: a record reported as saved is on disk, not in an OS write cache.
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as ColophonDb;
  db.version(1).stores({ records: 'id, savedAt, updatedAt, *tags, item.DOI, item.ISBN, item.URL' });
  return db;
}
