import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `handler` (the latest render's) for every keydown in the document. The listener is installed once and reads
 * the handler through a ref: re-installing it from an effect each render left a stale handler in place when effects
 * ran late, as they do in a background tab. Shared by the popup's list and the library page's table.
 */
export function useDocumentKeydown(handler: (e: KeyboardEvent) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const controller = new AbortController();
    document.addEventListener('keydown', (e) => latest.current(e), { signal: controller.signal });
    return () => controller.abort();
  }, []);
}
