export { createSearchIndex, isUsablePack, planPackLoad, DEFAULT_ORDER, type SearchIndex, type SearchPack, type SearchSource, type SearchOptions, type SearchResult, type SearchSort, type SortOrder } from './search-index';
export { parseQuery, QUERY_HELP, QUERY_SYNTAX, TEXT_FIELDS, type ParsedQuery, type QueryTerm, type QueryPhrase, type YearRange, type FieldName } from './query';
export { toSearchRow, type SearchRow } from './row';
export { withinEdits, typoBudget } from './fuzzy';
export { encodeBlock, decodeBlock, BLOCK_SIZE, NO_PAGES, type SearchBlock } from './blocks';
