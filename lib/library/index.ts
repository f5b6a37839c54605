export { openLibraryDb, DB_NAME, type ColophonDb } from './db';
export { createLibraryRepository, type LibraryRepository } from './repository';
export { StorageFullError, isQuotaError } from './errors';
