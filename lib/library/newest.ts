/**
 * The popup's first paint: the newest records, read with IndexedDB itself rather than through Dexie, so the
 * popup can show rows before the Dexie bundle (about half of the popup's JavaScript) is even loaded.
 * It only reads, through the `savedAt` index every schema version has, and never creates the database:
 * a first run (no database yet) gives no rows and leaves the creation to Dexie.
 */
import type { LibraryRecord } from '../model';

/** The name of the library's IndexedDB database (also what `openLibraryDb` opens). */
export const DB_NAME = 'colophon';

/**
 * A row of the `records` table since version 5: the record with the search block holding its row, which versions 2
 * to 4 kept in a `dedupe` row of their own (one write per record instead of two: the second was a third of an
 * import's time). Rows written by versions 5 and 6 also carry their de-duplication keys (then the `*keys` index);
 * since version 7 the keys live in `keyBlocks`, and a row no longer holds them.
 */
export type StoredRecord = LibraryRecord & { keys?: string[]; block: number };

/** A stored row → the record alone (what leaves the repository and the reader). */
export function recordOf(row: StoredRecord | LibraryRecord): LibraryRecord {
  const { keys: _keys, block: _block, ...record } = row as StoredRecord;
  return record;
}

/** The newest schema version db.ts declares (a test holds them equal); Dexie stores version n as 10 × n. */
export const SCHEMA_VERSION = 7;

/** How many of the newest records the popup's first paint shows: enough to fill its list. */
export const NEWEST_ROWS = 40;

/**
 * Opens the library's database as it is, without asking for a version: resolves undefined when there is no
 * database yet (the open is aborted, so the creation is left to Dexie).
 */
export function openExisting(name: string, idb: IDBFactory): Promise<IDBDatabase | undefined> {
  return new Promise((resolve, reject) => {
    let created = false;
    const request = idb.open(name);
    request.onupgradeneeded = () => {
      // No version was asked for, so this only runs when the database does not exist: don't create it.
      created = true;
      request.transaction?.abort();
    };
    request.onerror = (event) => {
      event.preventDefault(); // an aborted first run is not an error worth reporting
      if (created) resolve(undefined);
      else reject(request.error ?? new Error('The library could not be opened.'));
    };
    request.onblocked = () => reject(new Error('The library is being upgraded; try again in a moment.'));
    request.onsuccess = () => resolve(request.result);
  });
}

/** Runs one read on an existing database and closes it at once, so a Dexie upgrade is never blocked by us. */
async function readOnce<T>(name: string, idb: IDBFactory, none: T, read: (db: IDBDatabase, done: (value: T | Error) => void) => void): Promise<T> {
  const db = await openExisting(name, idb);
  if (!db) return none;
  return new Promise((resolve, reject) => {
    const done = (value: T | Error) => {
      db.close();
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    try {
      read(db, done);
    } catch (e) {
      done(e instanceof Error ? e : new Error(String(e)));
    }
  });
}

/** The `limit` most recently saved records, newest first; [] when there is no library yet. */
export function readNewest(limit: number, name: string = DB_NAME, idb: IDBFactory = indexedDB): Promise<LibraryRecord[]> {
  return readOnce<LibraryRecord[]>(name, idb, [], (db, done) => {
    if (!db.objectStoreNames.contains('records')) return done([]);
    newestIn(db, limit).then(done, done);
  });
}

/** The `limit` newest records of an open database, through the `savedAt` index every version has. */
export async function newestIn(db: IDBDatabase, limit: number): Promise<LibraryRecord[]> {
  const rows: LibraryRecord[] = [];
  if (limit > 0)
    await walk(db.transaction('records', 'readonly').objectStore('records').index('savedAt').openCursor(null, 'prev'), (at) => {
      rows.push(recordOf(at.value as StoredRecord));
      return rows.length < limit;
    });
  return rows;
}

/** Walks a cursor to its end, or until `visit` returns false. */
export function walk<C extends IDBCursor>(request: IDBRequest<C | null>, visit: (cursor: C) => boolean | void): Promise<void> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      const at = request.result;
      if (!at || visit(at) === false) resolve();
      else at.continue();
    };
    request.onerror = () => reject(request.error ?? new Error('The library could not be read.'));
  });
}

/**
 * The stored search pack (search-index.ts, SearchPack), read from the popup's first moment so that the disk read
 * overlaps loading the code and painting the first rows. Resolves to a function that gives the value: IndexedDB
 * turns it into objects only when asked (tens of milliseconds at 100,000 records), which the caller does after the
 * first paint. null when there is no pack (or no database, or one older than version 5). The value is unchecked:
 * the repository checks it against the blocks' stamps before use.
 */
export function readSearchPack(name: string = DB_NAME, idb: IDBFactory = indexedDB): Promise<() => unknown> {
  return readOnce<() => unknown>(name, idb, () => null, (db, done) => {
    if (!db.objectStoreNames.contains('searchPack')) return done(() => null);
    const request = db.transaction('searchPack', 'readonly').objectStore('searchPack').get('pack');
    request.onsuccess = () => done(() => request.result ?? null);
    request.onerror = () => done(request.error ?? new Error('The search pack could not be read.'));
  });
}
