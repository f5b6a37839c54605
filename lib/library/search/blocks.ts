/**
 * The compact search table, stored in blocks of up to BLOCK_SIZE records, already split into words (issue 4:
 * "search ready ≤ 250 ms at 100k"). Reading 200 blocks of typed arrays from IndexedDB is far cheaper than
 * reading 100,000 small rows, and loading a block interns its few thousand distinct words instead of
 * splitting every record's text again. Pure: rows in, block out, and back.
 */
import type { ItemType } from '../../model';
import { ITEM_TYPES } from '../../model/item-types';
import { TEXT_FIELDS } from './query';
import type { SearchRow } from './row';

export const BLOCK_SIZE = 1000;

/** Field numbers inside tokens: the text fields in row order, then year, tag words, whole tags, the type. */
export const FIELD = { title: 0, author: 1, editor: 2, publisher: 3, place: 4, container: 5, note: 6, year: 7, tagWord: 8, tag: 9, type: 10 } as const;
export const FIELD_COUNT = 11;
/** Years are numbers in `years`; records without one hold this. */
export const NO_YEAR = -1e9;
/** Page counts are numbers in `pages`; records without one hold this. */
export const NO_PAGES = -1;

export interface SearchBlock {
  /** The block's number; new records go to the highest. */
  block: number;
  /** Record ids, "\n"-separated, in row order. */
  ids: string;
  savedAt: Float64Array;
  years: Float64Array;
  /** The block's vocabulary, "\n"-separated; tokens refer to it by position. */
  words: string;
  /** Each row's words in order: word number << 4 | field number. */
  tokens: Int32Array;
  /** Row k's tokens are `tokens[starts[k]] … tokens[starts[k + 1] - 1]`. */
  starts: Int32Array;
  /** Each row's `authorKey`, "\n"-separated (sorting by author). Since database version 3. */
  authorKeys: string;
  /** Each row's page count, or NO_PAGES (sorting by pages). Since database version 3. */
  pages: Float64Array;
  /** New whenever the block is written (the repository sets it), so a SearchPack knows which blocks changed. Since database version 5. */
  stamp?: string;
}

/** Splits a row into tokens (word id << 4 | field), interning words through `intern`. */
export function tokenizeRow(row: SearchRow, intern: (word: string) => number, push: (token: number) => void): void {
  const words = (text: string, field: number) => {
    if (!text) return;
    let from = 0;
    for (;;) {
      const to = text.indexOf(' ', from);
      push((intern(to < 0 ? text.slice(from) : text.slice(from, to)) << 4) | field);
      if (to < 0) return;
      from = to + 1;
    }
  };
  const text = row.text;
  let from = 0;
  for (let field = 0; field < TEXT_FIELDS.length; field++) {
    const to = text.indexOf('\n', from);
    words(to < 0 ? text.slice(from) : text.slice(from, to), field);
    if (to < 0) break;
    from = to + 1;
  }
  if (row.year !== undefined) words(String(row.year), FIELD.year);
  for (const tag of row.tags) {
    words(tag, FIELD.tagWord);
    push((intern(tag) << 4) | FIELD.tag);
  }
  push((intern(row.type) << 4) | FIELD.type);
}

/** Packs rows into one stored block. */
export function encodeBlock(block: number, rows: readonly SearchRow[]): SearchBlock {
  const vocab = new Map<string, number>();
  const tokens: number[] = [];
  const starts = new Int32Array(rows.length + 1);
  const intern = (word: string) => {
    let id = vocab.get(word);
    if (id === undefined) vocab.set(word, (id = vocab.size));
    return id;
  };
  rows.forEach((row, k) => {
    starts[k] = tokens.length;
    tokenizeRow(row, intern, (t) => tokens.push(t));
  });
  starts[rows.length] = tokens.length;
  return {
    block,
    ids: rows.map((r) => r.id).join('\n'),
    savedAt: Float64Array.from(rows, (r) => r.savedAt),
    years: Float64Array.from(rows, (r) => r.year ?? NO_YEAR),
    words: [...vocab.keys()].join('\n'),
    tokens: Int32Array.from(tokens),
    starts,
    authorKeys: rows.map((r) => r.authorKey).join('\n'),
    pages: Float64Array.from(rows, (r) => r.pages ?? NO_PAGES),
  };
}

/** Unpacks a block into its rows (to change one and pack it again). */
export function decodeBlock(block: SearchBlock): SearchRow[] {
  const words = block.words.split('\n');
  const ids = block.ids ? block.ids.split('\n') : [];
  const authorKeys = block.authorKeys.split('\n');
  return ids.map((id, k) => {
    const fields: string[][] = TEXT_FIELDS.map(() => []);
    const tags: string[] = [];
    let type: ItemType = 'document';
    for (let i = block.starts[k]!; i < block.starts[k + 1]!; i++) {
      const token = block.tokens[i]!;
      const word = words[token >>> 4]!;
      const field = token & 15;
      if (field < TEXT_FIELDS.length) fields[field]!.push(word);
      else if (field === FIELD.tag) tags.push(word);
      else if (field === FIELD.type && (ITEM_TYPES as readonly string[]).includes(word)) type = word as ItemType;
    }
    const year = block.years[k]!;
    const pages = block.pages[k]!;
    return {
      id,
      savedAt: block.savedAt[k]!,
      ...(year !== NO_YEAR ? { year } : {}),
      type,
      text: fields.map((f) => f.join(' ')).join('\n'),
      tags,
      authorKey: authorKeys[k] ?? '',
      ...(pages !== NO_PAGES ? { pages } : {}),
    };
  });
}
