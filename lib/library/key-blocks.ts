/**
 * Key blocks (since version 7): the de-duplication keys of the records one search block holds, stored as numbers.
 * The repository reads every key block into memory when it first needs the keys, so the stored shape is made for
 * reading: the ids as one string, the keys as 30-bit hashes in one typed array, which IndexedDB hands back as a
 * copy of bytes. The keys as strings took 0.7 s to read for 100,000 records in Chromium.
 *
 * A hash only picks the records to compare: two keys sharing a hash bring up a record the rules then turn down
 * (`findDuplicate` compares the items themselves). With 400,000 keys, a lookup meets a stranger's hash about once
 * in 2,500 lookups.
 */

export interface KeyBlock {
  /** The number of the search block holding the same records. */
  block: number;
  /** The records' ids, joined by newlines (ids never hold one). */
  ids: string;
  /** How many keys each record has, in the order of `ids`. */
  counts: Uint16Array;
  /** Every record's key hashes, one record after another. */
  hashes: Int32Array;
}

/** One record of a key block, decoded. */
export interface KeyRow {
  id: string;
  hashes: readonly number[];
}

/** Each key's lookup hash: FNV-1a over its UTF-16 code units, cut to 30 bits (a small integer for V8's maps). */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}

export const keyRow = (id: string, keys: readonly string[]): KeyRow => ({ id, hashes: keys.map(keyHash) });

export function encodeKeyBlock(block: number, rows: readonly KeyRow[]): KeyBlock {
  return {
    block,
    ids: rows.map((r) => r.id).join('\n'),
    counts: Uint16Array.from(rows, (r) => r.hashes.length),
    hashes: Int32Array.from(rows.flatMap((r) => r.hashes)),
  };
}

export function decodeKeyBlock({ ids, counts, hashes }: KeyBlock): KeyRow[] {
  if (!ids) return [];
  let at = 0;
  return ids.split('\n').map((id, i) => {
    const end = at + (counts[i] ?? 0);
    const row = { id, hashes: [...hashes.subarray(at, end)] };
    at = end;
    return row;
  });
}

/** Every key hash of the library, with the ids of the records that have it. */
export type KeyIndex = Map<number, string[]>;

/** Adds a key block's records to an index (the load reads every block into one). */
export function indexKeyBlock(index: KeyIndex, { ids, counts, hashes }: KeyBlock): void {
  if (!ids) return;
  let at = 0;
  ids.split('\n').forEach((id, i) => {
    for (const end = at + (counts[i] ?? 0); at < end; at++) indexKey(index, hashes[at]!, id);
  });
}

function indexKey(index: KeyIndex, hash: number, id: string): void {
  const list = index.get(hash);
  if (list) list.push(id);
  else index.set(hash, [id]);
}

/** Adds a record under a key hash unless it is there already (a record rewritten with the same keys). */
export function indexKeyOnce(index: KeyIndex, hash: number, id: string): void {
  const list = index.get(hash);
  if (!list) index.set(hash, [id]);
  else if (!list.includes(id)) list.push(id);
}

/** Takes a record out from under a key hash. */
export function unindexKey(index: KeyIndex, hash: number, id: string): void {
  const list = index.get(hash);
  const at = list ? list.indexOf(id) : -1;
  if (at < 0) return;
  if (list!.length === 1) index.delete(hash);
  else list!.splice(at, 1);
}
