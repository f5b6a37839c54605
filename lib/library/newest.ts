/**
 * The popup's first paint: the newest records, read with IndexedDB itself rather than through Dexie, so the
 * popup can show rows before the Dexie bundle (about half of the popup's JavaScript) is even loaded.
 * It only reads, through the `savedAt` index every schema version has, and never creates the database:
 * a first run (no database yet) gives no rows and leaves the creation to Dexie.
 */
import type { LibraryRecord } from '../model';

/** The name of the library's IndexedDB database (also what `openLibraryDb` opens). */
export const DB_NAME = 'colophon';

/** How many of the newest records the popup's first paint shows: enough to fill its list. */
export const NEWEST_ROWS = 40;

/** The `limit` most recently saved records, newest first; [] when there is no library yet. */
export function readNewest(limit: number, name: string = DB_NAME, idb: IDBFactory = indexedDB): Promise<LibraryRecord[]> {
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
      if (created) resolve([]);
      else reject(request.error ?? new Error('The library could not be opened.'));
    };
    request.onblocked = () => reject(new Error('The library is being upgraded; try again in a moment.'));
    request.onsuccess = () => {
      const db = request.result;
      // Closed at once, so a Dexie upgrade in this page (or in the background) is never blocked by us.
      const done = (rows: LibraryRecord[] | Error) => {
        db.close();
        if (rows instanceof Error) reject(rows);
        else resolve(rows);
      };
      try {
        if (!db.objectStoreNames.contains('records')) return done([]);
        const tx = db.transaction('records', 'readonly');
        const rows: LibraryRecord[] = [];
        const cursor = tx.objectStore('records').index('savedAt').openCursor(null, 'prev');
        cursor.onsuccess = () => {
          const at = cursor.result;
          if (at && rows.length < limit) {
            rows.push(at.value as LibraryRecord);
            at.continue();
          } else done(rows);
        };
        cursor.onerror = () => done(cursor.error ?? new Error('The library could not be read.'));
      } catch (e) {
        done(e instanceof Error ? e : new Error(String(e)));
      }
    };
  });
}
