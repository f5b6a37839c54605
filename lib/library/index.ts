export { openLibraryDb, DB_NAME, type ColophonDb } from './db';
export { readNewest } from './newest';
export { createLibraryReader, type LibraryReads, type SearchTable } from './reader';
export {
  createLibraryRepository,
  type LibraryRepository,
  type SaveOutcome,
  type DuplicateProposal,
  type RecordPatch,
  type ImportOptions,
  type ImportOutcome,
} from './repository';
export { StorageFullError, isQuotaError } from './errors';
export { type DuplicateRule, type FieldChange, USER_SOURCE } from './dedupe';
export * from './search';
