/**
 * The library repository: every write goes through here and is validated with zod.
 * Built with its database passed in (STYLE.md 7), so tests hand in a fresh fake-indexeddb one.
 */
import { libraryRecordSchema, type Candidate, type LibraryRecord } from '../model';
import type { ColophonDb } from './db';
import { isQuotaError, StorageFullError } from './errors';

export interface LibraryRepository {
  /** Saves checked candidates as new records in one transaction: all are saved, or none. Returns them newest first. */
  saveCandidates(candidates: readonly Candidate[]): Promise<LibraryRecord[]>;
  /** The most recently saved records, newest first, without reading the whole table. */
  recent(limit: number): Promise<LibraryRecord[]>;
  /** Records by id, in the order asked, skipping ids that no longer exist. */
  byIds(ids: readonly string[]): Promise<LibraryRecord[]>;
  count(): Promise<number>;
}

export function createLibraryRepository(
  db: ColophonDb,
  { now = Date.now, newId = () => crypto.randomUUID() }: { now?: () => number; newId?: () => string } = {},
): LibraryRepository {
  return {
    async saveCandidates(candidates) {
      const at = now();
      // Candidates listed first on the page get the later timestamp offset so they head the newest-first list.
      const records = candidates.map((c, i) =>
        libraryRecordSchema.parse({ id: newId(), savedAt: at + (candidates.length - 1 - i), updatedAt: at, tags: [], note: '', item: c.item, provenance: c.provenance }),
      );
      try {
        await db.transaction('rw', db.records, () => db.records.bulkAdd(records));
      } catch (error) {
        if (isQuotaError(error)) throw new StorageFullError();
        throw error;
      }
      return [...records].sort((a, b) => b.savedAt - a.savedAt);
    },
    recent: (limit) => db.records.orderBy('savedAt').reverse().limit(limit).toArray(),
    async byIds(ids) {
      const found = await db.records.bulkGet([...ids]);
      return found.filter((r): r is LibraryRecord => r !== undefined);
    },
    count: () => db.records.count(),
  };
}
