/**
 * The library as the popup and the library page read it, with IndexedDB itself rather than Dexie: Dexie was a
 * third of the popup's JavaScript (32 KB gzip) for reads this small, and loading it stood between opening the
 * popup and searching. Writes never happen here: they go through the background's repository (with Dexie), the
 * search pack included (`refreshPack` asks for it).
 *
 * A database that is missing or older than the current schema is handed to `upgrade` (the Dexie repository,
 * loaded then), which creates or upgrades it as db.ts declares; so is any database once that has happened.
 * `searchTableIn`, `savePackIn` and `loadSearchIndex` also serve the repository, so the pack logic exists once.
 */
import type { LibraryRecord } from '../model';
import { DB_NAME, newestIn, openExisting, recordOf, SCHEMA_VERSION, walk, type StoredRecord } from './newest';
import { foldText } from './normalize';
import type { SearchBlock } from './search/blocks';
import { createSearchIndex, isUsablePack, planPackLoad, type SearchIndex, type SearchPack, type SearchSource } from './search/search-index';

/** What a view reads from the library (the repository has the same methods). */
export interface LibraryReads {
  /** The most recently saved records, newest first, without reading the whole table. */
  recent(limit: number): Promise<LibraryRecord[]>;
  /** Records by id, in the order asked, skipping ids that no longer exist. */
  byIds(ids: readonly string[]): Promise<LibraryRecord[]>;
  count(): Promise<number>;
  /** Existing tags starting with `prefix` (case and accents ignored), alphabetical. */
  tagsStartingWith(prefix: string, limit?: number): Promise<string[]>;
  /**
   * What a view builds its search index from, read in one transaction: the stored pack, if usable, less the blocks
   * changed since, plus those blocks; `stamps` (every block's stamp now) is for `index.toPack` after the load.
   * `stored` is the pack when the caller read it already (the popup does, early: newest.ts `readSearchPack`);
   * null reads every block, without a pack.
   */
  searchTable(stored?: unknown): Promise<SearchTable>;
  /**
   * Brings the stored search pack up to date if a load now has to read PACK_AFTER_BLOCKS blocks or more; true when
   * it stored one. A view asks the background (which writes), the repository does it.
   */
  refreshPack(): Promise<boolean>;
}

export interface SearchTable extends SearchSource {
  blocks: SearchBlock[];
  stamps: Map<number, string>;
}

const done = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('The library could not be read.'));
  });

/** searchTable on an open database of any version (stores or indexes it lacks read as empty). */
export async function searchTableIn(db: IDBDatabase, given?: unknown): Promise<SearchTable> {
  const stores = ['searchBlocks', 'searchPack'].filter((s) => db.objectStoreNames.contains(s));
  if (!stores.includes('searchBlocks')) return { blocks: [], stamps: new Map() };
  const tx = db.transaction(stores, 'readonly');
  const blockStore = tx.objectStore('searchBlocks');
  const stamps = new Map<number, string>();
  for (const block of await done(blockStore.getAllKeys())) stamps.set(block as number, '');
  if (blockStore.indexNames.contains('stamp')) {
    // A key cursor over the stamp index: every block's stamp without reading a block.
    await walk(blockStore.index('stamp').openKeyCursor(), (at) => void stamps.set(at.primaryKey as number, String(at.key)));
  }
  const stored: unknown = given !== undefined ? given : stores.includes('searchPack') ? await done(tx.objectStore('searchPack').get('pack')) : undefined;
  const pack = isUsablePack(stored) ? stored : undefined;
  const { read, skip } = planPackLoad(pack, stamps);
  const blocks = (await Promise.all(read.map((n) => done(blockStore.get(n) as IDBRequest<SearchBlock | undefined>)))).filter((b): b is SearchBlock => b !== undefined);
  return { ...(pack ? { pack, skip } : {}), blocks, stamps };
}

/** savePack on an open database; a database without the table (older than version 5) stores nothing. */
export async function savePackIn(db: IDBDatabase, pack: SearchPack): Promise<void> {
  if (!db.objectStoreNames.contains('searchPack')) return;
  const tx = db.transaction('searchPack', 'readwrite');
  tx.objectStore('searchPack').put(pack);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('The search pack was not stored.'));
  });
}

export function createLibraryReader({
  upgrade,
  refreshPack,
  name = DB_NAME,
  idb = indexedDB,
}: {
  /** The reads through the repository (Dexie), which creates or upgrades the database first. */
  upgrade: () => Promise<LibraryReads>;
  /** Asks whoever writes the library (the background) to bring the search pack up to date. */
  refreshPack: () => Promise<boolean>;
  name?: string;
  idb?: IDBFactory;
}): LibraryReads {
  /** The open database, or the repository once the database had to be created or upgraded. */
  let state: Promise<{ db: IDBDatabase } | { repository: Promise<LibraryReads> }> | undefined;
  const current = () =>
    (state ??= openExisting(name, idb).then(
      (db) => {
        if (db && db.version >= SCHEMA_VERSION * 10) {
          // Another page or the background upgrades it: let go, and open it again on the next read.
          db.onversionchange = () => {
            db.close();
            state = undefined;
          };
          return { db };
        }
        db?.close();
        const repository = upgrade();
        // A failed load (say, a chunk missing after an update) is tried again on the next read.
        repository.catch(() => (state = undefined));
        return { repository };
      },
      (error: unknown) => {
        state = undefined;
        throw error;
      },
    ));

  /** A read on the open database, or the same read through the repository. */
  const read =
    <A extends unknown[], T>(direct: (db: IDBDatabase, ...args: A) => Promise<T>, viaRepository: (reads: LibraryReads, ...args: A) => Promise<T>) =>
    async (...args: A): Promise<T> => {
      const at = await current();
      return 'db' in at ? direct(at.db, ...args) : viaRepository(await at.repository, ...args);
    };

  return {
    recent: read(newestIn, (r, limit) => r.recent(limit)),
    byIds: read(
      async (db, ids: readonly string[]) => {
        const store = db.transaction('records', 'readonly').objectStore('records');
        const found = await Promise.all(ids.map((id) => done(store.get(id) as IDBRequest<StoredRecord | undefined>)));
        return found.filter((r): r is StoredRecord => r !== undefined).map(recordOf);
      },
      (r, ids) => r.byIds(ids),
    ),
    count: read(
      (db) => done(db.transaction('records', 'readonly').objectStore('records').count()),
      (r) => r.count(),
    ),
    tagsStartingWith: read(
      async (db, prefix: string, limit = 10) => {
        const tags: string[] = [];
        const index = db.transaction('records', 'readonly').objectStore('records').index('tags');
        await walk(index.openKeyCursor(null, 'nextunique'), (at) => void tags.push(String(at.key)));
        return matchingTags(tags, prefix, limit);
      },
      (r, prefix, limit) => r.tagsStartingWith(prefix, limit),
    ),
    searchTable: read(searchTableIn, (r, given) => r.searchTable(given)),
    refreshPack,
  };
}

/** The tags starting with `prefix`, case and accents ignored, alphabetical (the repository's rule too). */
export function matchingTags(tags: readonly string[], prefix: string, limit: number): string[] {
  const wanted = foldText(prefix);
  return tags
    .filter((t) => foldText(t).startsWith(wanted))
    .sort((a, b) => a.localeCompare(b))
    .slice(0, limit);
}

/** A new pack is worth storing once a load had to read this many blocks (records outside the pack, in thousands). */
export const PACK_AFTER_BLOCKS = 4;

/**
 * The search index from the stored pack (or `stored`, the pack a page read early) and the blocks changed since.
 * A pack that turns out damaged is dropped for every block, read again in one transaction with their stamps.
 */
export async function loadSearchIndex(library: Pick<LibraryReads, 'searchTable'>, stored?: unknown): Promise<{ index: SearchIndex; table: SearchTable }> {
  const table = await library.searchTable(stored);
  try {
    return { index: createSearchIndex(table), table };
  } catch {
    const again = await library.searchTable(null);
    return { index: createSearchIndex(again), table: again };
  }
}
