/**
 * Code that the popup's first paint does not need (Dexie, zod, the editors) loads after it. Components use
 * Preact's own `lazy` and `Suspense`; services and the repository go through `lazyObject`.
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

type AsyncMethods<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * An object whose methods are all asynchronous, built on first call: each call waits for `load`, then calls the
 * real method. It lets the popup hand its components a repository before Dexie is loaded.
 */
export function lazyObject<T extends AsyncMethods<T>>(load: () => Promise<T>): T {
  const target = once(load);
  return new Proxy({} as T, {
    get(_, key) {
      if (typeof key !== 'string' || key === 'then') return undefined; // not a thenable
      return async (...args: unknown[]) => {
        const real = await target();
        const method = real[key as keyof T] as unknown as ((...a: unknown[]) => Promise<unknown>) | undefined;
        if (typeof method !== 'function') throw new TypeError(`No method ${key}`);
        return method.apply(real, args);
      };
    },
  });
}
