import { useEffect, useState } from 'preact/hooks';
import { liveQuery } from 'dexie';

/**
 * Subscribes to a Dexie live query (it re-runs when the tables it read change, also when the background
 * writes them) and unsubscribes on unmount (STYLE.md 11).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: (e: unknown) => console.error(e) });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
