/**
 * The compact search row: what the popup loads to search, one small row per record, already folded,
 * so loading is a read and a split, never a re-normalisation of 100,000 records. Pure.
 */
import type { ItemType, LibraryRecord, Name } from '../../model';
import { foldText } from '../normalize';
import { TEXT_FIELDS } from './query';

export interface SearchRow {
  id: string;
  savedAt: number;
  /** The first year of `issued`, if any. */
  year?: number;
  type: ItemType;
  /** The folded text of each of TEXT_FIELDS, in that order, joined by "\n". */
  text: string;
  /** The record's tags, folded, whole (for `tag:` filters). */
  tags: string[];
  /** Sorts the authors column: the first author's (else editor's) family or organisation name, then given names, folded; '' when none. */
  authorKey: string;
  /** The page count (`number-of-pages`), if any. */
  pages?: number;
}

const names = (list: readonly Name[] | undefined) => foldText((list ?? []).map((n) => [n.given, n.family, n.literal].filter(Boolean).join(' ')).join(' '));

/** The compact search row of a record. */
export function toSearchRow(record: LibraryRecord): SearchRow {
  const { item } = record;
  const byField: Record<(typeof TEXT_FIELDS)[number], string> = {
    title: foldText(item.title),
    author: names(item.author),
    editor: names(item.editor),
    publisher: foldText(item.publisher ?? ''),
    place: foldText(item['publisher-place'] ?? ''),
    container: foldText([item['container-title'], item['collection-title']].filter(Boolean).join(' ')),
    note: foldText(record.note),
  };
  const year = item.issued?.['date-parts'][0]?.[0];
  const pages = item['number-of-pages'] ? Number(item['number-of-pages']) : undefined;
  const first = item.author?.[0] ?? item.editor?.[0];
  return {
    id: record.id,
    savedAt: record.savedAt,
    ...(year !== undefined ? { year } : {}),
    type: item.type,
    text: TEXT_FIELDS.map((f) => byField[f]).join('\n'),
    tags: [...new Set(record.tags.map(foldText).filter(Boolean))],
    authorKey: first ? foldText([first.literal ?? first.family, first.given].filter(Boolean).join(' ')) : '',
    ...(pages !== undefined && Number.isFinite(pages) ? { pages } : {}),
  };
}
