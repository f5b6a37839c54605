/**
 * Search over the compact rows, in memory, synchronously on each keystroke (issue 4). Pure: rows in,
 * ranked ids out.
 *
 * Chosen by measurement (scripts/bench/search.ts): a linear scan over every record's word ids. Loading
 * splits each row into words and interns them in one vocabulary; a query matches each of its words against
 * the vocabulary once (exact, prefix, typo-tolerant), then scans the records' word ids with a bit mask per
 * vocabulary word. Every record is looked at, so nothing is missed (no pruning, unlike FlexSearch/Orama),
 * and there is no inverted index to build or load (unlike MiniSearch).
 */
import { FIELD, FIELD_COUNT, NO_PAGES, NO_YEAR, tokenizeRow, type SearchBlock } from './blocks';
import { letterSet, mayBeWithin, withinEdits } from './fuzzy';
import { parseQuery, type FieldName, type ParsedQuery, type QueryTerm } from './query';
import type { SearchRow } from './row';

export type SearchSort = 'relevance' | 'saved' | 'year' | 'title' | 'authors' | 'publisher' | 'type' | 'pages';
/** The words `aria-sort` uses, so a table header can show the order as it is. */
export type SortOrder = 'ascending' | 'descending';

/** Each column's first order: dates and numbers largest first, text A→Z. */
export const DEFAULT_ORDER: Readonly<Record<SearchSort, SortOrder>> = {
  relevance: 'descending',
  saved: 'descending',
  year: 'descending',
  pages: 'descending',
  title: 'ascending',
  authors: 'ascending',
  publisher: 'ascending',
  type: 'ascending',
};

export interface SearchOptions {
  /**
   * Default `relevance` (ties: newest saved first; an empty query lists newest first). The other sorts order by
   * the record's saved date, year, title, first author's name, publisher, type or page count; records without
   * the value come last in either order, and ties list the newest saved first.
   */
  sort?: SearchSort;
  /** Default DEFAULT_ORDER[sort]; ignored for `relevance`. */
  order?: SortOrder;
}

export interface SearchResult {
  /** Every matching record id, in order. */
  ids: string[];
}

export interface SearchIndex {
  /** Records held (for "1,204 of 98,311"). */
  readonly size: number;
  /** Searches the box's text (or an already parsed query). An empty query lists every record in the chosen order. */
  search(query: string | ParsedQuery, options?: SearchOptions): SearchResult;
  /** Adds or replaces rows (after a save or an edit). */
  upsert(rows: readonly SearchRow[]): void;
  /** Drops records (after a delete). */
  remove(ids: readonly string[]): void;
  /**
   * The index as one stored value, for a later load without rebuilding (see SearchPack); `stamps` are the stamps of
   * the blocks it was loaded from, read in the same transaction as them. Undefined once rows were changed in memory
   * (their blocks are not known) or when a row's block is not among `stamps`.
   */
  toPack(stamps: ReadonlyMap<number, string>): SearchPack | undefined;
}

/**
 * The whole built index in one stored value (issue 4: search ready ≤ 250 ms at 100k). Chromium reads one large
 * value far faster than a hundred blocks (each over 64 KB is a file of its own), and a pack needs no interning:
 * its tokens already use one vocabulary. A pack is a cache: blocks stay the truth. Each block is stamped anew when
 * written; a load takes the pack's rows of blocks whose stamp is unchanged and reads the other blocks.
 */
export interface SearchPack {
  id: 'pack';
  /** The blocks the pack was built from, and each one's stamp then ("\n"-separated, in the same order). */
  blocks: Int32Array;
  stamps: string;
  /** The vocabulary, "\n"-separated, and each word's letter set (fuzzy.ts). */
  words: string;
  wordSets: Int32Array;
  /** Every row's tokens (word id << 4 | field), row k's from `starts[k]` to `starts[k + 1]`. */
  tokens: Int32Array;
  starts: Int32Array;
  /** Per row: the record id ("\n"-separated), the block holding it, and the numbers. */
  ids: string;
  /**
   * Per row, the authorKey, "\n"-separated, as UTF-8: bytes cost nothing to read back, where a string with one
   * non-Latin-1 letter is stored two bytes a letter and copied on read. Decoded only when sorting by author.
   */
  authorKeys: Uint8Array;
  rowBlocks: Int32Array;
  savedAt: Float64Array;
  years: Float64Array;
  pages: Float64Array;
}

const splitLines = (text: string, count: number): string[] => (count ? text.split('\n') : []);

/** Whether `text` holds `count` "\n"-separated lines (as splitLines reads them), without splitting it. */
function hasLines(text: string, count: number): boolean {
  if (count === 0) return text === '';
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0 && lines <= count; at = text.indexOf('\n', at + 1)) lines++;
  return lines === count;
}

/**
 * Whether a stored value is a pack this code can use: the right arrays, of lengths that agree. Its texts are
 * checked where they are split (createSearchIndex throws on a pack whose texts disagree with its arrays).
 */
export function isUsablePack(value: unknown): value is SearchPack {
  if (!value || typeof value !== 'object') return false;
  const p = value as Partial<SearchPack>;
  const ints = [p.blocks, p.wordSets, p.tokens, p.starts, p.rowBlocks];
  const floats = [p.savedAt, p.years, p.pages];
  if (!ints.every((a) => a instanceof Int32Array) || !floats.every((a) => a instanceof Float64Array) || !(p.authorKeys instanceof Uint8Array)) return false;
  if (![p.stamps, p.words, p.ids].every((t) => typeof t === 'string')) return false;
  const rows = p.starts!.length - 1;
  return rows >= 0 && p.starts![0] === 0 && p.starts![rows] === p.tokens!.length && [p.rowBlocks!, ...floats].every((a) => a!.length === rows);
}

/**
 * What a load needs besides the pack: which stored blocks to read (new, or changed since the pack), and which of
 * the pack's blocks to leave out (changed or gone). `current` maps each stored block to its stamp ('' if it has none,
 * which never matches).
 */
export function planPackLoad(pack: SearchPack | undefined, current: ReadonlyMap<number, string>): { read: number[]; skip: number[] } {
  const held = new Map<number, string>();
  if (pack) {
    const stamps = splitLines(pack.stamps, pack.blocks.length);
    pack.blocks.forEach((block, k) => held.set(block, stamps[k]!));
  }
  const read = [...current].filter(([block, stamp]) => !stamp || held.get(block) !== stamp).map(([block]) => block);
  const skip = [...held].filter(([block, stamp]) => !stamp || current.get(block) !== stamp).map(([block]) => block);
  return { read: read.sort((a, b) => a - b), skip };
}

type KeySort = Exclude<SearchSort, 'relevance' | 'saved'>;

/** Rows in one column's ascending order: the first `present` have the value (ties newest saved first), the rest lack it (newest first). */
interface KeyOrder {
  rows: Int32Array;
  present: number;
  /** Whether two rows hold the same value. */
  same(a: number, b: number): boolean;
}

/**
 * The matched rows of a column order, ascending or descending. Descending walks the groups of equal values
 * backwards but each group forwards, so ties stay newest first; rows without a value stay last either way.
 */
function inKeyOrder({ rows, present, same }: KeyOrder, direction: SortOrder, matched: Uint8Array): number[] {
  const out: number[] = [];
  if (direction === 'ascending') {
    for (let k = 0; k < present; k++) if (matched[rows[k]!]) out.push(rows[k]!);
  } else {
    for (let end = present; end > 0; ) {
      let start = end - 1;
      while (start > 0 && same(rows[start - 1]!, rows[end - 1]!)) start--;
      for (let k = start; k < end; k++) if (matched[rows[k]!]) out.push(rows[k]!);
      end = start;
    }
  }
  for (let k = present; k < rows.length; k++) if (matched[rows[k]!]) out.push(rows[k]!);
  return out;
}

/** Title and authors first (issue 4); whole tags and the type are filters only. */
const WEIGHT = [10, 8, 5, 4, 2, 3, 1, 3, 4, 0, 0];
/** Fields a word without `field:` may match: everything but the whole-value filters. */
const FREE_FIELDS: FieldName[] = ['title', 'author', 'editor', 'publisher', 'place', 'container', 'note', 'year', 'tagWord'];
const QUALITY = { exact: 4, prefix: 3, typo: 2 } as const;
const MAX_TERMS = 30;

class IntList {
  data: Int32Array;
  length = 0;
  /** An empty list with room for `capacity`, or (given an array) a full one over that array, copied once it grows. */
  constructor(capacity: number | Int32Array = 1024) {
    this.data = typeof capacity === 'number' ? new Int32Array(capacity) : capacity;
    if (typeof capacity !== 'number') this.length = capacity.length;
  }
  push(value: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = value;
  }
  /** Room for `more` values after the current ones. */
  reserve(more: number): void {
    if (this.length + more <= this.data.length) return;
    const next = new Int32Array(Math.max(this.data.length * 2, this.length + more));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** What an index is built from: a pack (less its `skip` blocks), stored blocks, and/or rows, in that order. */
export interface SearchSource {
  pack?: SearchPack;
  /** Blocks of the pack whose rows are left out (changed since, or gone). */
  skip?: readonly number[];
  blocks?: readonly SearchBlock[];
  rows?: readonly SearchRow[];
}

/**
 * Builds the index from a pack and stored blocks (the popup's path: fast) and/or rows (tests, live updates).
 * Given oldest first, as blocks are written, the saved-date order comes free.
 */
export function createSearchIndex({ pack, skip = [], blocks = [], rows = [] }: SearchSource = {}): SearchIndex {
  const packRows = pack ? pack.starts.length - 1 : 0;
  const vocab = new Map<string, number>();
  const words: string[] = pack ? splitLines(pack.words, pack.wordSets.length) : [];
  const ids: string[] = pack ? splitLines(pack.ids, packRows) : [];
  if (pack && (words.length !== pack.wordSets.length || ids.length !== packRows || !hasLines(pack.stamps, pack.blocks.length)))
    throw new Error('The stored search pack is damaged.');
  // A pack's arrays are taken as they are (they were read for this index alone), and copied only when rows are added.
  const extraRows = rows.length + blocks.reduce((n, b) => n + b.savedAt.length, 0);
  let wordSets = pack ? pack.wordSets : new Int32Array(1024);
  const tokens = pack ? new IntList(pack.tokens) : new IntList(Math.max(1024, rows.length * 24 + blocks.reduce((n, b) => n + b.tokens.length, 0)));
  // Token fields are packed in the top bits of each token: word id << 4 | field.
  let starts = pack ? pack.starts : new Int32Array(Math.max(16, extraRows + 1));
  let savedAt = pack ? pack.savedAt : new Float64Array(starts.length);
  let years = pack ? pack.years : new Float64Array(starts.length);
  let alive = new Uint8Array(starts.length);
  let pages = pack ? pack.pages : new Float64Array(starts.length);
  /** Each row's block, or -1 for rows added in memory. */
  let rowBlocks = pack ? pack.rowBlocks : new Int32Array(starts.length);
  const authorKeys: string[] = [];
  /** The pack's author keys, decoded only when first needed (sorting by author, a new pack). */
  let packAuthorKeys = pack?.authorKeys;
  const authorKeyList = (): string[] => {
    if (packAuthorKeys !== undefined) {
      const split = splitLines(new TextDecoder().decode(packAuthorKeys), packRows);
      // A damaged list (which the load cannot check without decoding it) sorts as if nobody were named.
      for (let r = 0; r < packRows; r++) authorKeys[r] = split.length === packRows ? split[r]! : '';
      packAuthorKeys = undefined;
    }
    return authorKeys;
  };
  let count = 0;
  let living = 0;
  let changedInMemory = false;
  let rowOf: Map<string, number> | undefined;
  let byAge: number[] | undefined; // rows oldest first
  let ageRank: Int32Array | undefined; // row → position in byAge
  const keyOrders = new Map<KeySort, KeyOrder>(); // built when first sorted by, dropped when rows are added

  const intern = (word: string): number => {
    let id = vocab.get(word);
    if (id === undefined) {
      id = words.length;
      vocab.set(word, id);
      words.push(word);
      if (id >= wordSets.length) {
        // Never written in place: a pack's array (taken as it is) is copied here first.
        const next = new Int32Array(Math.max(1024, id * 2));
        next.set(wordSets);
        wordSets = next;
      }
      wordSets[id] = letterSet(word);
    }
    return id;
  };
  function reserve(rowsNeeded: number): void {
    if (count + rowsNeeded + 1 > starts.length) {
      const size = Math.max(starts.length * 2, count + rowsNeeded + 1);
      const grow = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const next = make(size);
        next.set(a);
        return next;
      };
      starts = grow(starts, (n) => new Int32Array(n));
      savedAt = grow(savedAt, (n) => new Float64Array(n));
      years = grow(years, (n) => new Float64Array(n));
      alive = grow(alive, (n) => new Uint8Array(n));
      pages = grow(pages, (n) => new Float64Array(n));
      rowBlocks = grow(rowBlocks, (n) => new Int32Array(n));
    }
  }
  const push = (token: number) => tokens.push(token);

  /** Bookkeeping once row r's tokens are in. */
  function added(r: number): void {
    alive[r] = 1;
    living++;
    rowOf?.set(ids[r]!, r);
    if (byAge) {
      // Still in age order when the new row is the newest; otherwise sorted again when next needed.
      const last = byAge[byAge.length - 1];
      if (last === undefined || savedAt[last]! <= savedAt[r]!) byAge.push(r);
      else byAge = undefined;
    }
    ageRank = undefined;
    keyOrders.clear();
  }

  function append(row: SearchRow): void {
    reserve(1);
    const r = count++;
    starts[r] = tokens.length;
    tokenizeRow(row, intern, push);
    starts[r + 1] = tokens.length;
    ids[r] = row.id;
    savedAt[r] = row.savedAt;
    years[r] = row.year ?? NO_YEAR;
    pages[r] = row.pages ?? NO_PAGES;
    rowBlocks[r] = -1;
    authorKeys[r] = row.authorKey;
    added(r);
  }

  /** A stored block: its words interned once each, its tokens renumbered into the shared vocabulary. */
  function appendBlock(block: SearchBlock): void {
    const local = block.words.split('\n');
    const global = new Int32Array(local.length);
    for (let k = 0; k < local.length; k++) global[k] = intern(local[k]!);
    const blockIds = block.ids ? block.ids.split('\n') : [];
    const blockAuthors = block.authorKeys.split('\n');
    reserve(blockIds.length);
    const base = tokens.length;
    tokens.reserve(block.tokens.length);
    const data = tokens.data;
    for (let i = 0; i < block.tokens.length; i++) {
      const token = block.tokens[i]!;
      data[base + i] = (global[token >>> 4]! << 4) | (token & 15);
    }
    tokens.length += block.tokens.length;
    for (let k = 0; k < blockIds.length; k++) {
      const r = count++;
      starts[r] = base + block.starts[k]!;
      starts[r + 1] = base + block.starts[k + 1]!;
      ids[r] = blockIds[k]!;
      savedAt[r] = block.savedAt[k]!;
      years[r] = block.years[k]!;
      pages[r] = block.pages[k]!;
      rowBlocks[r] = block.block;
      authorKeys[r] = blockAuthors[k] ?? '';
      added(r);
    }
  }

  /** A pack: its arrays taken as they are (its tokens already use its vocabulary), rows of `skip` blocks left dead. */
  function loadPack(p: SearchPack): void {
    for (let w = 0; w < words.length; w++) vocab.set(words[w]!, w);
    count = packRows;
    // Only rows of the blocks the pack lists (and the load keeps): a row of any other block is not vouched for.
    const kept = new Set(p.blocks);
    for (const block of skip) kept.delete(block);
    for (let r = 0; r < count; r++) {
      if (!kept.has(rowBlocks[r]!)) continue;
      alive[r] = 1;
      living++;
    }
  }

  if (pack) loadPack(pack);
  for (const block of blocks) appendBlock(block);
  for (const row of rows) append(row);
  {
    // Rows read through the savedAt index arrive oldest first: then the age order is free.
    let ordered = true;
    for (let r = 1; r < count && ordered; r++) ordered = savedAt[r - 1]! <= savedAt[r]!;
    if (ordered) byAge = Array.from({ length: count }, (_, r) => r);
  }

  const ageOrder = (): number[] => {
    byAge ??= Array.from({ length: count }, (_, r) => r).sort((a, b) => savedAt[a]! - savedAt[b]! || a - b);
    return byAge;
  };
  const ageRanks = (): Int32Array => {
    if (!ageRank) {
      const age = ageOrder();
      ageRank = new Int32Array(count);
      for (let k = 0; k < age.length; k++) ageRank[age[k]!] = k;
    }
    return ageRank;
  };
  /** A field's folded words, rebuilt from its tokens ('' when the record has none). */
  const fieldText = (r: number, field: number): string => {
    const data = tokens.data;
    let text = '';
    for (let i = starts[r]!, end = starts[r + 1]!; i < end; i++) if ((data[i]! & 15) === field) text += (text ? ' ' : '') + words[data[i]! >>> 4];
    return text;
  };

  /**
   * Every row in one column's ascending order, built once per column and kept until rows are added. Text keys
   * are folded, so compared as plain strings: Intl.Collator would take seconds over 100,000 titles, and folding
   * already makes case and accents not matter.
   */
  const keyOrder = (sort: KeySort): KeyOrder => {
    let built = keyOrders.get(sort);
    if (built) return built;
    const present: number[] = [];
    const missing: number[] = [];
    let compare: (a: number, b: number) => number;
    let same: (a: number, b: number) => boolean;
    if (sort === 'year' || sort === 'pages') {
      const values = sort === 'year' ? years : pages;
      const none = sort === 'year' ? NO_YEAR : NO_PAGES;
      for (let r = 0; r < count; r++) (values[r] === none ? missing : present).push(r);
      compare = (a, b) => values[a]! - values[b]!;
      same = (a, b) => values[a] === values[b];
    } else {
      const keys: string[] = new Array<string>(count);
      for (let r = 0; r < count; r++) {
        const key = sort === 'authors' ? authorKeyList()[r]! : fieldText(r, FIELD[sort === 'title' ? 'title' : sort === 'publisher' ? 'publisher' : 'type']);
        keys[r] = key;
        (key ? present : missing).push(r);
      }
      compare = (a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0);
      same = (a, b) => keys[a] === keys[b];
    }
    const newestFirst = (a: number, b: number) => savedAt[b]! - savedAt[a]! || b - a;
    present.sort((a, b) => compare(a, b) || newestFirst(a, b));
    missing.sort(newestFirst);
    built = { rows: Int32Array.from([...present, ...missing]), present: present.length, same };
    keyOrders.set(sort, built);
    return built;
  };
  const findRow = (id: string): number | undefined => {
    if (!rowOf) {
      rowOf = new Map();
      for (let r = 0; r < count; r++) if (alive[r]) rowOf.set(ids[r]!, r);
    }
    return rowOf.get(id);
  };
  const kill = (id: string) => {
    const r = findRow(id);
    if (r === undefined || !alive[r]) return;
    alive[r] = 0;
    living--;
    rowOf!.delete(id);
  };

  /** Which vocabulary words a term matches, and how well (QUALITY), as parallel lists. */
  function matchVocabulary(term: QueryTerm): { word: Int32Array; quality: Uint8Array } {
    const hits: number[] = [];
    const quality: number[] = [];
    const q = term.word;
    if (term.typeFamily) {
      for (let w = 0; w < words.length; w++) {
        const v = words[w]!;
        if (v === q || v.startsWith(q + '-') || (term.prefix && v.startsWith(q))) {
          hits.push(w);
          quality.push(QUALITY.exact);
        }
      }
    } else if (!term.prefix && !term.typos) {
      const w = vocab.get(q);
      if (w !== undefined) {
        hits.push(w);
        quality.push(QUALITY.exact);
      }
    } else {
      const first = q.charCodeAt(0);
      const set = letterSet(q);
      const { typos, prefix } = term;
      const shortest = q.length - typos;
      const longest = prefix ? Infinity : q.length + typos;
      for (let w = 0; w < words.length; w++) {
        const v = words[w]!;
        if (v.length < shortest || v.length > longest) continue;
        if (v.charCodeAt(0) === first && (prefix ? v.startsWith(q) : v === q)) {
          hits.push(w);
          quality.push(v.length === q.length ? QUALITY.exact : QUALITY.prefix);
        } else if (typos && mayBeWithin(set, wordSets[w]!, typos) && withinEdits(q, v, typos, prefix)) {
          hits.push(w);
          quality.push(QUALITY.typo);
        }
      }
    }
    return { word: Int32Array.from(hits), quality: Uint8Array.from(quality) };
  }

  function fieldBits(term: QueryTerm): number {
    let bits = 0;
    for (const f of term.fields ?? FREE_FIELDS) bits |= 1 << FIELD[f];
    return bits;
  }

  function search(query: string | ParsedQuery, { sort = 'relevance', order: direction = DEFAULT_ORDER[sort] }: SearchOptions = {}): SearchResult {
    const parsed = typeof query === 'string' ? parseQuery(query) : query;
    const include = parsed.include.slice(0, MAX_TERMS);
    const exclude = parsed.exclude.slice(0, MAX_TERMS - include.length);
    const terms = [...include, ...exclude];
    // mask[word] has bit t when the word satisfies term t; allowed[field] has bit t when term t may match there.
    const mask = new Uint32Array(words.length);
    const allowed = new Uint32Array(FIELD_COUNT);
    const qualities: Uint8Array[] = [];
    terms.forEach((term, t) => {
      const { word, quality } = matchVocabulary(term);
      const bit = 1 << t;
      for (let k = 0; k < word.length; k++) mask[word[k]!]! |= bit;
      if (t < include.length) {
        const full = new Uint8Array(words.length);
        for (let k = 0; k < word.length; k++) full[word[k]!] = quality[k]!;
        qualities.push(full);
      }
      const bits = fieldBits(term);
      for (let f = 0; f < FIELD_COUNT; f++) if (bits & (1 << f)) allowed[f]! |= bit;
    });
    const required = include.length ? (2 ** include.length - 1) >>> 0 : 0;
    const forbidden = exclude.length ? ((2 ** terms.length - 1) >>> 0) & ~required : 0;
    const phrases = parsed.phrases.map((p) => ({ negate: p.negate, words: p.terms.map((t) => matchVocabulary(t)), fields: fieldBits(p.terms[0]!) }));
    const data = tokens.data;

    const matched = new Uint8Array(count);
    const hits: number[] = [];
    for (let r = 0; r < count; r++) {
      if (!alive[r]) continue;
      if (parsed.years.length) {
        const y = years[r]!;
        let ok = true;
        for (const range of parsed.years) if ((y !== NO_YEAR && y >= range.min && y <= range.max) === range.negate) ok = false;
        if (!ok) continue;
      }
      if (terms.length) {
        let got = 0;
        for (let i = starts[r]!, end = starts[r + 1]!; i < end; i++) {
          const token = data[i]!;
          const m = mask[token >>> 4]!;
          if (m) got |= m & allowed[token & 15]!;
        }
        if ((got & required) >>> 0 !== required || got & forbidden) continue;
      }
      if (phrases.length && !phrases.every((p) => hasPhrase(r, p.words, p.fields) !== p.negate)) continue;
      matched[r] = 1;
      hits.push(r);
    }

    let order: number[];
    if (sort === 'relevance' && include.length) {
      // One numeric sort: score in the high part, age rank (newer = higher) in the low part.
      const age = ageOrder();
      const rank = ageRanks();
      const bits = include.map(fieldBits);
      const keys = new Float64Array(hits.length);
      for (let k = 0; k < hits.length; k++) keys[k] = score(hits[k]!, bits, qualities) * 2 ** 21 + rank[hits[k]!]!;
      keys.sort();
      order = [];
      for (let k = keys.length - 1; k >= 0; k--) order.push(age[keys[k]! % 2 ** 21]!);
    } else if (sort === 'relevance' || sort === 'saved') {
      // An empty query in relevance order lists the newest first.
      const age = ageOrder();
      order = [];
      if (sort === 'saved' && direction === 'ascending') {
        for (let k = 0; k < age.length; k++) if (matched[age[k]!]) order.push(age[k]!);
      } else for (let k = age.length - 1; k >= 0; k--) if (matched[age[k]!]) order.push(age[k]!);
    } else order = inKeyOrder(keyOrder(sort), direction, matched);
    return { ids: order.map((r) => ids[r]!) };
  }

  /** Sum over the query's words of the best field weight × match quality in this record. */
  function score(r: number, fieldsOf: readonly number[], qualities: readonly Uint8Array[]): number {
    const data = tokens.data;
    let total = 0;
    for (let t = 0; t < fieldsOf.length; t++) {
      const quality = qualities[t]!;
      const bits = fieldsOf[t]!;
      let best = 0;
      for (let i = starts[r]!, end = starts[r + 1]!; i < end; i++) {
        const token = data[i]!;
        const q = quality[token >>> 4]!;
        if (q && bits & (1 << (token & 15))) best = Math.max(best, q * WEIGHT[token & 15]!);
      }
      total += best;
    }
    return total;
  }

  /** The phrase's words one after the other, within one field. */
  function hasPhrase(r: number, phrase: readonly { word: Int32Array }[], fields: number): boolean {
    const data = tokens.data;
    const end = starts[r + 1]!;
    outer: for (let i = starts[r]!; i + phrase.length <= end; i++) {
      const field = data[i]! & 15;
      if (!(fields & (1 << field))) continue;
      for (let k = 0; k < phrase.length; k++) {
        const token = data[i + k]!;
        if ((token & 15) !== field || !phrase[k]!.word.includes(token >>> 4)) continue outer;
      }
      return true;
    }
    return false;
  }

  return {
    get size() {
      return living;
    },
    search,
    upsert(rows) {
      changedInMemory = true;
      for (const row of rows) {
        kill(row.id);
        append(row);
      }
    },
    remove(list) {
      changedInMemory = true;
      list.forEach(kill);
    },
    toPack(stamps) {
      if (changedInMemory) return undefined;
      // Every row must belong to a block the pack will list with its stamp, or a later load could keep it twice.
      for (let r = 0; r < count; r++) if (alive[r] && !stamps.has(rowBlocks[r]!)) return undefined;
      // Only living rows, and only the words they use, so a pack never carries what was edited away.
      const wordIds = new Int32Array(words.length).fill(-1);
      const keptWords: string[] = [];
      const keptSets: number[] = [];
      const kept: number[] = [];
      let size = 0;
      for (let r = 0; r < count; r++) {
        if (!alive[r]) continue;
        kept.push(r);
        size += starts[r + 1]! - starts[r]!;
      }
      const out = new Int32Array(size);
      const outStarts = new Int32Array(kept.length + 1);
      const data = tokens.data;
      let at = 0;
      kept.forEach((r, k) => {
        outStarts[k] = at;
        for (let i = starts[r]!, end = starts[r + 1]!; i < end; i++) {
          const token = data[i]!;
          const w = token >>> 4;
          if (wordIds[w] === -1) {
            wordIds[w] = keptWords.length;
            keptWords.push(words[w]!);
            keptSets.push(wordSets[w]!);
          }
          out[at++] = (wordIds[w]! << 4) | (token & 15);
        }
      });
      outStarts[kept.length] = at;
      return {
        id: 'pack',
        blocks: Int32Array.from(stamps.keys()),
        stamps: [...stamps.values()].join('\n'),
        words: keptWords.join('\n'),
        wordSets: Int32Array.from(keptSets),
        tokens: out,
        starts: outStarts,
        ids: kept.map((r) => ids[r]!).join('\n'),
        authorKeys: new TextEncoder().encode(kept.map((r) => authorKeyList()[r]!).join('\n')),
        rowBlocks: Int32Array.from(kept, (r) => rowBlocks[r]!),
        savedAt: Float64Array.from(kept, (r) => savedAt[r]!),
        years: Float64Array.from(kept, (r) => years[r]!),
        pages: Float64Array.from(kept, (r) => pages[r]!),
      };
    },
  };
}
