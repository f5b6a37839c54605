/**
 * Code that the popup's first paint does not need (Dexie, zod, the editors) loads after it. Components use
 * Preact's own `lazy` and `Suspense`; services go through `once`.
 */

/** A loader that runs once and can be started early (prefetch) and awaited later. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((e: unknown) => {
      loading = undefined; // a failed load (say, the extension was updated meanwhile) may be retried
      throw e;
    }));
}

/** Resolves after the browser has painted the current frame: heavy loading waits for the first rows to show. */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Runs `work` when the page is idle (within 2 s at the latest): for work nobody is waiting on. */
export function whenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 2000 });
  else setTimeout(work, 200);
}

/**
 * Resolves once the first rows are painted, or after `atMostMs` when reading them is slow (say, the library is
 * being upgraded after an update): what waits for the first paint must not wait for the database.
 */
export function afterFirstRows(firstRows: Promise<unknown>, atMostMs = 500): Promise<void> {
  return Promise.race([firstRows.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, atMostMs))]).then(afterNextPaint);
}

