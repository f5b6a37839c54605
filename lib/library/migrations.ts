/**
 * Data migrations between database versions, as pure functions of stored rows (STYLE.md 8). `db.ts` calls
 * them from each version's `upgrade`; tests call them on rows of every earlier version.
 *
 * Rule: a migration never drops a record. A row it cannot fully parse is repaired (the invalid field
 * removed, a missing title or type given a placeholder), so the user keeps everything they saved.
 */
import { libraryRecordSchema, type LibraryRecord } from '../model';
import { duplicateKeys } from './dedupe';
import { encodeKeyBlock, keyRow, type KeyBlock, type KeyRow } from './key-blocks';
import { BLOCK_SIZE, encodeBlock, type SearchBlock } from './search/blocks';
import { toSearchRow } from './search/row';

/** A row of the `dedupe` table (versions 2 to 4): the record's lookup keys and the search block holding its row. */
export interface DedupeRow {
  id: string;
  keys: string[];
  block: number;
}

// The stored row's shape lives with the reads that need no zod (newest.ts); migrations and the repository use it too.
export { recordOf, type StoredRecord } from './newest';
import { recordOf, type StoredRecord } from './newest';

const REQUIRED_ITEM: Record<string, unknown> = { title: 'Untitled', type: 'document' };

/**
 * Any stored record (any version, possibly damaged) → a valid current record. Invalid optional fields are
 * removed one at a time until the record parses; an invalid required one gets a placeholder.
 */
export function repairRecord(raw: unknown, fallback: { id: string; now: number }): LibraryRecord {
  const row = (raw && typeof raw === 'object' ? { ...raw } : {}) as Record<string, unknown>;
  row.item = row.item && typeof row.item === 'object' ? { ...row.item } : {};
  row.id = typeof row.id === 'string' && row.id ? row.id : fallback.id;
  if (typeof row.savedAt !== 'number') row.savedAt = fallback.now;
  if (typeof row.updatedAt !== 'number') row.updatedAt = row.savedAt;
  for (let attempt = 0; attempt < 64; attempt++) {
    const parsed = libraryRecordSchema.safeParse(row);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const [top, key] = issue.path;
      if (top === 'item' && typeof key === 'string') {
        const item = row.item as Record<string, unknown>;
        if (key in REQUIRED_ITEM) item[key] = REQUIRED_ITEM[key];
        else delete item[key];
      } else if (top === 'item') row.item = { ...REQUIRED_ITEM };
      else if (top === 'tags') row.tags = Array.isArray(row.tags) ? row.tags.filter((t) => typeof t === 'string' && t.trim()).slice(0, 100) : [];
      else if (top === 'note') row.note = typeof row.note === 'string' ? row.note.slice(0, 5000) : '';
      else if (top === 'provenance') row.provenance = {};
      else if (top === 'savedAt' || top === 'updatedAt') row[top] = fallback.now;
      else if (top === 'id') row.id = fallback.id;
    }
  }
  // Unreachable with the schema as it is; kept so a future schema change cannot lose a record silently.
  return libraryRecordSchema.parse({ id: fallback.id, savedAt: fallback.now, updatedAt: fallback.now, item: { ...REQUIRED_ITEM } });
}

/** The dedupe rows and search blocks for records (version 2's new tables), blocks filled oldest first. */
export function indexTablesFor(records: readonly LibraryRecord[]): { blocks: SearchBlock[]; dedupe: DedupeRow[] } {
  const sorted = [...records].sort((a, b) => a.savedAt - b.savedAt);
  const blocks: SearchBlock[] = [];
  const dedupe: DedupeRow[] = [];
  for (let start = 0, block = 0; start < sorted.length; start += BLOCK_SIZE, block++) {
    const slice = sorted.slice(start, start + BLOCK_SIZE);
    blocks.push(encodeBlock(block, slice.map(toSearchRow)));
    for (const r of slice) dedupe.push({ id: r.id, keys: duplicateKeys(r.item), block });
  }
  return { blocks, dedupe };
}

/** JSON with keys sorted, so key order does not count as a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * Version 1 → 2: records are kept (repaired if needed) and the search blocks and dedupe keys are built.
 * Returns the records to write back only when repair changed them.
 */
export function migrateV1toV2(rows: readonly unknown[], now: number): { records: LibraryRecord[]; repaired: LibraryRecord[]; blocks: SearchBlock[]; dedupe: DedupeRow[] } {
  const repaired: LibraryRecord[] = [];
  const records = rows.map((raw, i) => {
    const record = repairRecord(raw, { id: `recovered-${now}-${i}`, now });
    if (canonical(record) !== canonical(raw)) repaired.push(record);
    return record;
  });
  return { records, repaired, ...indexTablesFor(records) };
}

/**
 * Version 3 → 4: the search blocks gain sort keys (first author, page count) that earlier blocks lack, so
 * blocks and dedupe rows are rebuilt from the records (records themselves are unchanged).
 */
export function migrateV3toV4(records: readonly LibraryRecord[]): { blocks: SearchBlock[]; dedupe: DedupeRow[] } {
  return indexTablesFor(records);
}

/**
 * Version 4 → 5: each record row takes in its dedupe row (keys and block) and the `dedupe` table goes. The keys are
 * computed again and the blocks rebuilt from the records, as version 4 did, so a record whose dedupe row was
 * missing still gets keys and a place in a block. Records themselves are unchanged.
 */
export function migrateV4toV5(records: readonly LibraryRecord[]): { rows: StoredRecord[]; blocks: SearchBlock[] } {
  const { blocks, dedupe } = indexTablesFor(records);
  const byId = new Map(dedupe.map((d) => [d.id, d]));
  return { rows: records.map((r) => ({ ...recordOf(r), keys: byId.get(r.id)!.keys, block: byId.get(r.id)!.block })), blocks };
}

/**
 * Version 6 → 7: the records' keys leave their rows' `*keys` index for key blocks, one for each search block. Keys are
 * computed again from the items (a long title no longer keys whole); the rows themselves are left as they are.
 */
export function migrateV6toV7(rows: readonly StoredRecord[]): KeyBlock[] {
  const byBlock = new Map<number, KeyRow[]>();
  for (const row of rows) {
    const found = byBlock.get(row.block);
    const entry = keyRow(row.id, duplicateKeys(row.item));
    if (found) found.push(entry);
    else byBlock.set(row.block, [entry]);
  }
  return [...byBlock].map(([block, keyRows]) => encodeKeyBlock(block, keyRows));
}

/**
 * A block's stamp (search-index.ts SearchPack): new at every write, never one a pack could have seen, so a stored
 * pack can never vouch for rows a migration rebuilt. The repository stamps with its own ids; upgrades use this
 * (version 5 → 6 stamps every block).
 */
export function newStamp(): string {
  return crypto.randomUUID();
}
