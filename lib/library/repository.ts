/**
 * The library repository: every write goes through here and is validated with zod. Each write keeps the
 * records, their search blocks and their de-duplication keys in one transaction, so the three never disagree.
 * Built with its database passed in (STYLE.md 7), so tests hand in a fresh fake-indexeddb one.
 */
import * as z from 'zod/mini';
import { candidateSchema, cslItemSchema, libraryRecordSchema, type Candidate, type CslItem, type LibraryRecord, type ProvenanceMap } from '../model';
import type { ColophonDb } from './db';
import { applyChanges, duplicateKeys, findDuplicate, nearbyIn, proposeChanges, USER_SOURCE, type DuplicateRule, type FieldChange } from './dedupe';
import { isQuotaError, StorageFullError } from './errors';
import { decodeKeyBlock, encodeKeyBlock, indexKeyBlock, indexKeyOnce, keyHash, keyRow, unindexKey, type KeyBlock, type KeyIndex, type KeyRow } from './key-blocks';
import { recordOf, type StoredRecord } from './migrations';
import { foldText } from './normalize';
import { BLOCK_SIZE, decodeBlock, encodeBlock, type SearchBlock } from './search/blocks';
import { toSearchRow, type SearchRow } from './search/row';
import { loadSearchIndex, matchingTags, PACK_AFTER_BLOCKS, savePackIn, searchTableIn, type LibraryReads } from './reader';
import type { SearchPack } from './search/search-index';

/** How long the library's keys stay in memory after their last use (the next save, chunk or duplicate check). */
const KEY_INDEX_KEEP_MS = 30_000;
/** Import entries prepared between two breaks (see importItems, prepare): about 10-25 ms of work. */
const PREPARE_SLICE = 100;
/** Lets whatever waits on this thread (a transaction's next step, a message) run before the work goes on. */
const giveWay = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface DuplicateProposal {
  /** Its position in what was saved. */
  index: number;
  candidate: Candidate;
  duplicateOf: LibraryRecord;
  rule: DuplicateRule;
  /** Field by field; `proposed` ones are what "update the saved record" applies by default. */
  changes: FieldChange[];
}

export interface SaveOutcome {
  /** Newly saved records, newest first. */
  saved: LibraryRecord[];
  /** Candidates not saved because the library holds them already. */
  duplicates: DuplicateProposal[];
}

/** A change to one record: item fields (`undefined` removes an optional field), tags, note. */
export interface RecordPatch {
  item?: { [K in keyof CslItem]?: CslItem[K] | undefined };
  tags?: readonly string[];
  note?: string;
}

export interface ImportOptions {
  /**
   * Items per transaction (default BLOCK_SIZE, 1,000): each chunk is committed on its own. A chunk the size of a
   * search block encodes each new row once; chunks of 500 encoded half of them twice, and paid twice the commits.
   */
  chunkSize?: number;
  /** Called after each committed chunk with the number of items handled so far. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The previous part of the same import, sent on its own (the library page keeps two chunks in flight): these
   * items are parsed and keyed at once, while it commits, but nothing is written before it has settled, and
   * nothing at all if it failed (so a full disk stops the import at the first chunk it refused).
   */
  after?: Promise<ImportOutcome>;
  /**
   * When the first item was saved (each next one a millisecond later); by default the items end now. Parts of one
   * file sent on their own pass their place on the file's one clock, so the newest-first list keeps the file's order.
   */
  firstSavedAt?: number;
}

export interface ImportOutcome {
  added: number;
  /** Items the library already held (by index in the input), with the record they duplicate. */
  duplicates: { index: number; duplicateOf: string; rule: DuplicateRule }[];
  /** Items that are not valid publications, with the first problem. */
  invalid: { index: number; message: string }[];
  /**
   * Set when storage filled up: items from `stoppedAt` on were not imported; earlier chunks were. With `after`,
   * also when the part before stopped or failed: then nothing of this part was imported (`stoppedAt` 0).
   */
  error?: StorageFullError | EarlierPartFailedError;
  stoppedAt?: number;
}

/** Every read a view makes (reader.ts), and the writes, which only the background makes. */
export interface LibraryRepository extends LibraryReads {
  /** Stores a pack built by `index.toPack` (a cache: failing to store it loses nothing). */
  savePack(pack: SearchPack): Promise<void>;
  /** Every stored search block, for `createSearchIndex({ blocks })` (tests, benchmarks; views load through searchTable). */
  searchBlocks(): Promise<SearchBlock[]>;
  /**
   * Saves candidates as new records in one transaction (all or none), except those the library already
   * holds, which come back as update proposals instead of second copies.
   */
  save(candidates: readonly Candidate[]): Promise<SaveOutcome>;
  /**
   * Which candidates the library already holds, by the same rules as `save`, without writing anything: what
   * the popup marks "already in your library" as soon as a page is read. A candidate that only repeats an
   * earlier one of the same batch is not a duplicate here (neither is saved yet).
   */
  findDuplicates(candidates: readonly Candidate[]): Promise<DuplicateProposal[]>;
  /**
   * Reads the library's de-duplication keys into memory, ahead of a duplicate check or a save, which wait for it
   * rather than read them again. The background starts it while the popup's page is being read. Never fails (a save
   * would report the same failure).
   */
  readKeys(): Promise<void>;
  /** `save`, returning only the records saved, newest first (duplicates are not written). */
  saveCandidates(candidates: readonly Candidate[]): Promise<LibraryRecord[]>;
  /** Updates a saved record from a duplicate: the chosen fields (default: the proposed ones) with their provenance. */
  applyDuplicate(id: string, candidate: Candidate, fields?: readonly (keyof CslItem)[]): Promise<LibraryRecord>;
  /** Edits one record; changed item fields are marked as the user's, so later duplicates do not overwrite them. */
  update(id: string, patch: RecordPatch): Promise<LibraryRecord>;
  /** Deletes records; returns them, for `restore` (undo). */
  remove(ids: readonly string[]): Promise<LibraryRecord[]>;
  /** Puts removed records back, unchanged (undo of `remove`). */
  restore(records: readonly LibraryRecord[]): Promise<void>;
  /** Adds and/or removes tags on many records; returns how many changed. */
  tag(ids: readonly string[], change: { add?: readonly string[]; remove?: readonly string[] }): Promise<number>;
  /** Imports CSL items (or candidates) in chunks, each its own transaction, skipping what the library holds. */
  importItems(items: readonly unknown[], options?: ImportOptions): Promise<ImportOutcome>;
}

/** What an import part reports when the part before it failed with something else than a full disk. */
export class EarlierPartFailedError extends Error {
  constructor(cause: unknown) {
    super(`An earlier part of this import failed (${cause instanceof Error ? cause.message : String(cause)}); this part was not imported.`);
    this.name = 'EarlierPartFailedError';
  }
}

/** A candidate with the library's own fields, as a Colophon backup carries them (restored on import). */
type Incoming = Candidate & { tags?: string[]; note?: string };
/** A record as it is added: with its de-duplication keys and its search row, each computed once. */
interface Entry {
  record: LibraryRecord;
  keys: string[];
  row: SearchRow;
}
const entryOf = (record: LibraryRecord): Entry => ({ record, keys: duplicateKeys(record.item), row: toSearchRow(record) });
// A backup record: the item with its provenance, tags and note (a record without tags or note has none).
const backupEntrySchema = z.object({
  item: cslItemSchema,
  provenance: candidateSchema.shape.provenance,
  tags: libraryRecordSchema.shape.tags,
  note: libraryRecordSchema.shape.note,
});
const bareItemSchema = z.pipe(cslItemSchema, z.transform((item: CslItem): Incoming => ({ item, provenance: {} })));

/**
 * One import entry, dispatched on its shape: a backup record (an `item` with `tags` or a `note`), a candidate (an
 * `item` without), else a bare CSL item. One union of all three parsed every BibTeX entry three times, and a failed
 * entry got the union's "Invalid input" instead of the field at fault. A backup record whose tags or note are wrong
 * is refused with the reason, never imported without them. A candidate that fails still gets its chance as a bare
 * item (unknown keys are stripped).
 */
export function parseImportItem(raw: unknown): { success: true; data: Incoming } | { success: false; message: string } {
  const wrapped = typeof raw === 'object' && raw !== null && 'item' in raw;
  const backup = wrapped && ('tags' in raw || 'note' in raw);
  const parsed = (backup ? backupEntrySchema : wrapped ? candidateSchema : bareItemSchema).safeParse(raw);
  if (parsed.success) return parsed;
  if (wrapped && !backup) {
    const bare = bareItemSchema.safeParse(raw);
    if (bare.success) return bare;
  }
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return { success: false, message: issue ? `${where}${issue.message}`.slice(0, 300) : 'invalid item' }; // the reply caps it at 500
}

export function createLibraryRepository(
  db: ColophonDb,
  { now = Date.now, newId = () => crypto.randomUUID() }: { now?: () => number; newId?: () => string } = {},
): LibraryRepository {
  const tables = [db.records, db.searchBlocks, db.keyBlocks];

  /**
   * The de-duplication keys of the whole library (their hashes), in memory: every save, import chunk and duplicate
   * check looks its keys up here. Read from the key blocks when first needed (the popup's duplicate check reads them
   * before the user saves), and given back when idle.
   *
   * Kept equal to the key blocks by the writes themselves, inside their transactions: a write takes out the keys of
   * the records it replaces or deletes (`forget`) and adds those it writes (`remember`); a write that fails drops
   * them all (the next use reads them again). Equal, not a superset: `nearbyIn` skips a half-title that more than
   * `CROWDED_KEY` records share, so stale or repeated ids would change what is found.
   *
   * Read only in a transaction's turn: Dexie runs a transaction's function as soon as it is created, while
   * IndexedDB may still be running the writes queued before it, which add their keys in their own turn. A load waits
   * for the turn by itself (it is a request); kept keys are read after a request too (`currentKeys`).
   */
  let keyCache: { index: KeyIndex; timer: ReturnType<typeof setTimeout> } | undefined;
  const dropKeys = () => {
    if (keyCache) clearTimeout(keyCache.timer);
    keyCache = undefined;
  };
  /** Inside a transaction over the key blocks: the library's keys, as every write queued before it left them. */
  async function currentKeys(): Promise<KeyIndex> {
    if (keyCache) await db.keyBlocks.get(-1); // this transaction's turn (no block -1: nothing is read)
    const index = keyCache?.index ?? (await loadKeyIndex());
    if (keyCache) clearTimeout(keyCache.timer);
    const timer = setTimeout(dropKeys, KEY_INDEX_KEEP_MS); // an idle library gives the memory back
    (timer as { unref?: () => void }).unref?.(); // in Node (CLI, tests), never what keeps the process alive
    keyCache = { index, timer };
    return index;
  }
  /** A load started ahead by `readKeys`: awaited before a transaction starts, never inside one (it would commit). */
  let readingKeys: Promise<void> | undefined;
  const keysRead = async () => {
    if (readingKeys) await readingKeys;
  };

  /** Adds written records' keys to the kept ones, if any are kept (else the next load reads them). */
  function remember(entries: readonly Pick<Entry, 'record' | 'keys'>[]): void {
    if (!keyCache) return;
    for (const { record, keys } of entries) for (const k of keys) indexKeyOnce(keyCache.index, keyHash(k), record.id);
  }
  /** Takes the keys of records as stored out of the kept ones (before they are replaced or deleted). */
  function forget(rows: readonly StoredRecord[]): void {
    if (!keyCache) return;
    for (const row of rows) for (const k of duplicateKeys(row.item)) unindexKey(keyCache.index, keyHash(k), row.id);
  }

  /** Runs a write; a full disk becomes StorageFullError (the transaction is rolled back as a whole). */
  async function write<T>(body: () => Promise<T>): Promise<T> {
    try {
      // Every body is an async function, so that Dexie keeps the transaction across its native awaits.
      return await db.transaction('rw', tables, body);
    } catch (error) {
      dropKeys(); // they may hold what the failed write added or took out
      if (isQuotaError(error)) throw new StorageFullError();
      throw error;
    }
  }

  // ——— search blocks and record rows, inside a write ———

  /** A block as written: a new stamp each time, so a stored pack knows the block changed. */
  const stamped = (number: number, rows: readonly SearchRow[]): SearchBlock => ({ ...encodeBlock(number, rows), stamp: newId() });

  /**
   * Places entries after those of the newest block, opening new blocks as they fill: the search and key blocks to
   * write, and each record's block.
   */
  async function appendEntries(entries: readonly Entry[]): Promise<{ blocks: SearchBlock[]; keyBlocks: KeyBlock[]; blockOf: Map<string, number> }> {
    const blockOf = new Map<string, number>();
    if (!entries.length) return { blocks: [], keyBlocks: [], blockOf };
    const last = await db.searchBlocks.orderBy('block').last();
    // A full last block stays as it is: decoding, re-encoding and writing it back unchanged was a sixth of an import
    // (every chunk of 1,000 found the block before it full).
    const lastIsFull = last !== undefined && last.savedAt.length >= BLOCK_SIZE;
    let number = last ? last.block + (lastIsFull ? 1 : 0) : 0;
    let rows = last && !lastIsFull ? decodeBlock(last) : [];
    // Whatever key block has that number is kept and added to (in a damaged library, one whose search block is gone).
    const keyBlock = await db.keyBlocks.get(number);
    let keyRows = keyBlock ? decodeKeyBlock(keyBlock) : [];
    const blocks: SearchBlock[] = [];
    const keyBlocks: KeyBlock[] = [];
    for (const { record, keys, row } of entries) {
      if (rows.length >= BLOCK_SIZE) {
        blocks.push(stamped(number, rows));
        keyBlocks.push(encodeKeyBlock(number++, keyRows));
        rows = [];
        keyRows = [];
      }
      rows.push(row);
      keyRows.push(keyRow(record.id, keys));
      blockOf.set(record.id, number);
    }
    blocks.push(stamped(number, rows));
    keyBlocks.push(encodeKeyBlock(number, keyRows));
    return { blocks, keyBlocks, blockOf };
  }

  /**
   * Replaces (or, with `undefined`, drops) records' search rows and keys in their blocks; `stored` are the records'
   * rows as stored.
   */
  async function changeRows(changes: ReadonlyMap<string, Entry | undefined>, stored: readonly StoredRecord[]): Promise<void> {
    const byBlock = new Map<number, string[]>();
    for (const d of stored) if (changes.has(d.id)) byBlock.set(d.block, [...(byBlock.get(d.block) ?? []), d.id]);
    for (const [number, ids] of byBlock) {
      const [block, keyBlock] = await Promise.all([db.searchBlocks.get(number), db.keyBlocks.get(number)]);
      const touched = new Set(ids);
      if (block) {
        const rows = decodeBlock(block).flatMap((row) => {
          if (!touched.has(row.id)) return [row];
          const next = changes.get(row.id);
          return next ? [next.row] : [];
        });
        if (rows.length) await db.searchBlocks.put(stamped(number, rows));
        else await db.searchBlocks.delete(number);
      }
      // The records' keys as they are now; a record the block lacked (a damaged library) gets its keys back.
      const keyRows: KeyRow[] = keyBlock ? decodeKeyBlock(keyBlock).filter((r) => !touched.has(r.id)) : [];
      for (const id of touched) {
        const next = changes.get(id);
        if (next) keyRows.push(keyRow(id, next.keys));
      }
      if (keyRows.length) await db.keyBlocks.put(encodeKeyBlock(number, keyRows));
      else await db.keyBlocks.delete(number);
    }
  }

  /**
   * Adds new records with their search rows and de-duplication keys. The blocks and the records are written side by
   * side (the transaction queues them all): waiting for a block's write before sending the first record left the
   * database idle between the two, in every chunk of an import.
   */
  async function addRecords(entries: readonly Entry[]): Promise<void> {
    const { blocks, keyBlocks, blockOf } = await appendEntries(entries);
    await Promise.all([
      db.searchBlocks.bulkPut(blocks),
      db.keyBlocks.bulkPut(keyBlocks),
      db.records.bulkAdd(entries.map(({ record }) => ({ ...record, block: blockOf.get(record.id)! }))),
    ]);
    remember(entries);
  }

  /** Replaces existing records (same ids), as stored in `stored`, and their search rows and keys. */
  async function putRecords(records: readonly LibraryRecord[], stored: readonly StoredRecord[]): Promise<void> {
    const entries = records.map(entryOf);
    const replaced = new Set(records.map((r) => r.id));
    forget(stored.filter((row) => replaced.has(row.id))); // `stored` may hold rows left as they are (tag)
    await changeRows(new Map(entries.map((e) => [e.record.id, e])), stored);
    const blockOf = new Map(stored.map((row) => [row.id, row.block]));
    // A row written by version 6 or before loses its keys here: they are in its key block now.
    await db.records.bulkPut(records.map((r) => ({ ...recordOf(r), block: blockOf.get(r.id) ?? 0 })));
    remember(entries);
  }

  /**
   * Each candidate as the record it would be saved as, with its keys and search row: pure work, done before the
   * write (for an import part, while the part before it commits). Every part was parsed already (the candidate on
   * its way in, the id and times are ours): parsing the whole record again was a second full pass of zod over
   * each item, a tenth of an import.
   */
  function entriesOf(candidates: readonly Candidate[], savedAtOf: (i: number) => number): Entry[] {
    return candidates.map((candidate, i) => newEntry(candidate, savedAtOf(i)));
  }
  function newEntry(candidate: Candidate, at: number): Entry {
    const { tags = [], note = '' } = candidate as Incoming;
    return entryOf({ id: newId(), savedAt: at, updatedAt: at, tags: uniqueTags(tags), note, item: candidate.item, provenance: candidate.provenance });
  }

  /**
   * Splits entries into new records and duplicates, against the library and against earlier entries of the same
   * batch. Runs inside the write, so two saves cannot both add the same publication.
   */
  async function sortOut(entries: readonly Entry[]) {
    const keyIndex = await currentKeys();
    const nearbyIds = entries.map((e) => nearbyIn(e.keys, (k) => keyIndex.get(keyHash(k))));
    const matched = await db.records.bulkGet([...new Set(nearbyIds.flat())]);
    const byId = new Map(matched.filter((r): r is StoredRecord => r !== undefined).map((r) => [r.id, recordOf(r)]));
    const fresh: Entry[] = [];
    const freshByKey = new Map<string, LibraryRecord[]>();
    const duplicates: { index: number; record: LibraryRecord; rule: DuplicateRule }[] = [];
    entries.forEach((entry, index) => {
      const { record, keys } = entry;
      const saved = nearbyIds[index]!.map((id) => byId.get(id)).filter((r): r is LibraryRecord => r !== undefined);
      const nearby = new Set([...saved, ...nearbyIn(keys, (k) => freshByKey.get(k))]);
      const duplicate = findDuplicate(record.item, [...nearby]);
      if (duplicate) return duplicates.push({ index, ...duplicate });
      fresh.push(entry);
      for (const k of keys) {
        const list = freshByKey.get(k);
        if (list) list.push(record);
        else freshByKey.set(k, [record]);
      }
    });
    return { fresh, duplicates };
  }

  /** Every de-duplication key in the library, from the key blocks (one row per 1,000 records). */
  async function loadKeyIndex(): Promise<KeyIndex> {
    const index: KeyIndex = new Map();
    for (const block of await db.keyBlocks.toArray()) indexKeyBlock(index, block);
    return index;
  }

  /** A record's stored row (with its block). */
  async function rowOrThrow(id: string): Promise<StoredRecord> {
    const row = await db.records.get(id);
    if (!row) throw new Error(`No record ${id} in the library (deleted?)`);
    return row;
  }

  const repository: LibraryRepository = {
    async save(input) {
      // Parsed before anything is written: one invalid candidate refuses the whole save.
      const candidates = input.map((c) => candidateSchema.parse(c));
      await keysRead();
      const at = now();
      // Candidates listed first on the page get the later timestamp offset so they head the newest-first list.
      const { fresh, duplicates } = await write(async () => {
        const result = await sortOut(entriesOf(candidates, (i) => at + (candidates.length - 1 - i)));
        if (result.fresh.length) await addRecords(result.fresh);
        return result;
      });
      return {
        saved: fresh.map((e) => e.record).sort((a, b) => b.savedAt - a.savedAt),
        duplicates: duplicates.map(({ index, record, rule }) => ({
          index,
          candidate: candidates[index]!,
          duplicateOf: record,
          rule,
          changes: proposeChanges(record, candidates[index]!.item),
        })),
      };
    },

    async findDuplicates(input) {
      const candidates = input.map((c) => candidateSchema.parse(c));
      await keysRead();
      const { fresh, duplicates } = await db.transaction('r', [db.records, db.keyBlocks], async () => await sortOut(entriesOf(candidates, () => 0)));
      const unsaved = new Set(fresh.map((e) => e.record.id));
      return duplicates
        .filter(({ record }) => !unsaved.has(record.id))
        .map(({ index, record, rule }) => ({ index, candidate: candidates[index]!, duplicateOf: record, rule, changes: proposeChanges(record, candidates[index]!.item) }));
    },

    readKeys() {
      if (keyCache) return Promise.resolve();
      readingKeys ??= db
        .transaction('r', [db.keyBlocks], async () => void (await currentKeys()))
        .catch(() => undefined)
        .finally(() => (readingKeys = undefined));
      return readingKeys;
    },

    async saveCandidates(candidates) {
      return (await repository.save(candidates)).saved;
    },

    async applyDuplicate(id, input, fields) {
      const candidate = candidateSchema.parse(input);
      return write(async () => {
        const row = await rowOrThrow(id);
        const saved = recordOf(row);
        const chosen = fields ?? proposeChanges(saved, candidate.item).filter((c) => c.proposed).map((c) => c.field);
        const { item, provenance } = applyChanges(saved, candidate.item, candidate.provenance, chosen);
        const record = libraryRecordSchema.parse({ ...saved, item, provenance, updatedAt: now() });
        await putRecords([record], [row]);
        return record;
      });
    },

    async update(id, patch) {
      return write(async () => {
        const row = await rowOrThrow(id);
        const saved = recordOf(row);
        const item: Record<string, unknown> = { ...saved.item };
        const provenance: ProvenanceMap = { ...saved.provenance };
        for (const [field, value] of Object.entries(patch.item ?? {}) as [keyof CslItem, unknown][]) {
          if (JSON.stringify(value) === JSON.stringify(saved.item[field])) continue;
          if (value === undefined || value === null || value === '') delete item[field];
          else item[field] = value;
          provenance[field] = { source: USER_SOURCE, confidence: 1 };
        }
        const record = libraryRecordSchema.parse({
          ...saved,
          item,
          provenance,
          ...(patch.tags ? { tags: uniqueTags(patch.tags) } : {}),
          ...(patch.note !== undefined ? { note: patch.note } : {}),
          updatedAt: now(),
        });
        await putRecords([record], [row]);
        return record;
      });
    },

    async remove(ids) {
      return write(async () => {
        const found = (await db.records.bulkGet([...ids])).filter((r): r is StoredRecord => r !== undefined);
        const gone = found.map((r) => r.id);
        await changeRows(new Map(gone.map((id) => [id, undefined])), found);
        forget(found);
        await db.records.bulkDelete(gone);
        return found.map(recordOf);
      });
    },

    async restore(input) {
      const records = input.map((r) => libraryRecordSchema.parse(r));
      await write(async () => {
        const existing = new Set((await db.records.bulkGet(records.map((r) => r.id))).filter(Boolean).map((r) => r!.id));
        const missing = records.filter((r) => !existing.has(r.id));
        if (missing.length) await addRecords(missing.map(entryOf));
      });
    },

    async tag(ids, { add = [], remove = [] }) {
      const drop = new Set(remove.map(foldText));
      return write(async () => {
        const found = (await db.records.bulkGet([...ids])).filter((r): r is StoredRecord => r !== undefined);
        const changed: LibraryRecord[] = [];
        for (const record of found) {
          const tags = uniqueTags([...record.tags.filter((t) => !drop.has(foldText(t))), ...add]);
          if (JSON.stringify(tags) === JSON.stringify(record.tags)) continue;
          changed.push(libraryRecordSchema.parse({ ...recordOf(record), tags, updatedAt: now() }));
        }
        if (changed.length) await putRecords(changed, found);
        return changed.length;
      });
    },

    tagsStartingWith: async (prefix, limit = 10) => matchingTags((await db.records.orderBy('tags').uniqueKeys()) as string[], prefix, limit),

    async importItems(items, { chunkSize = BLOCK_SIZE, onProgress, after, firstSavedAt } = {}) {
      // The database opens (in a worker just started: a tenth of a second) while the first chunk is prepared, not
      // after; its first transaction would open it too, and reports any failure.
      if (!db.isOpen()) db.open().catch(() => undefined);
      const outcome: ImportOutcome = { added: 0, duplicates: [], invalid: [] };
      const base = firstSavedAt ?? now() - items.length;
      /**
       * A chunk parsed, keyed and given its search rows: everything but the write. In slices, giving way between
       * them: a part arrives while the one before it writes, and preparing it in one go (0.1-0.25 s) held back that
       * part's transaction, whose body runs on this same thread.
       */
      const prepare = async (start: number) => {
        const prepared: { index: number; entry: Entry }[] = [];
        const end = Math.min(items.length, start + chunkSize);
        for (let index = start; index < end; index++) {
          if (index > start && (index - start) % PREPARE_SLICE === 0) await giveWay();
          const result = parseImportItem(items[index]);
          if (!result.success) {
            outcome.invalid.push({ index, message: result.message });
            continue;
          }
          prepared.push({ index, entry: newEntry(result.data, base + index) });
        }
        return prepared;
      };
      let chunk = items.length ? await prepare(0) : [];
      if (after) {
        // Only once the part before has settled: its records must be in the library (and their keys in the kept
        // ones) before these are sorted out.
        const before = await after.then(
          (previous) => previous.error,
          (error: unknown) => new EarlierPartFailedError(error),
        );
        if (before) return { ...outcome, error: before, stoppedAt: 0 };
      }
      for (let start = 0; start < items.length; start += chunkSize) {
        if (start > 0) chunk = await prepare(start);
        try {
          const { fresh, duplicates } = await write(async () => {
            const result = await sortOut(chunk.map((c) => c.entry));
            if (result.fresh.length) await addRecords(result.fresh); // and later chunks see them (remember)
            return result;
          });
          outcome.added += fresh.length;
          for (const d of duplicates) outcome.duplicates.push({ index: chunk[d.index]!.index, duplicateOf: d.record.id, rule: d.rule });
        } catch (error) {
          if (!(error instanceof StorageFullError)) throw error;
          return { ...outcome, error, stoppedAt: start };
        }
        onProgress?.(Math.min(items.length, start + chunkSize), items.length);
      }
      return outcome;
    },

    searchBlocks: () => db.searchBlocks.toArray(),
    // The pack logic exists once, on IndexedDB itself (reader.ts), for the views and for this repository.
    searchTable: async (given) => searchTableIn((await db.open()).backendDB(), given),
    savePack: async (pack) => savePackIn((await db.open()).backendDB(), pack),
    async refreshPack() {
      const { index, table } = await loadSearchIndex(repository);
      if (table.blocks.length < PACK_AFTER_BLOCKS) return false;
      const pack = index.toPack(table.stamps); // a load in one transaction: every row's block is among the stamps
      if (!pack) return false;
      await savePackIn((await db.open()).backendDB(), pack);
      return true;
    },
    recent: async (limit) => (await db.records.orderBy('savedAt').reverse().limit(limit).toArray()).map(recordOf),
    async byIds(ids) {
      const found = await db.records.bulkGet([...ids]);
      return found.filter((r): r is StoredRecord => r !== undefined).map(recordOf);
    },
    count: () => db.records.count(),
  };
  return repository;
}

/** Tags without repeats (case and accents ignored), first spelling kept. */
function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const key = foldText(t);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
