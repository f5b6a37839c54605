/** Turns storage failures into messages a user can act on. */
export class StorageFullError extends Error {
  constructor() {
    super('Your browser storage is full: nothing was saved. Free some disk space or delete records, then try again.');
    this.name = 'StorageFullError';
  }
}

/** True for QuotaExceededError, also when Dexie wraps it in an AbortError (`inner`). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === 'QuotaExceededError') return true;
    e = (e as { inner?: unknown }).inner ?? (e as { cause?: unknown }).cause;
  }
  return false;
}
