/**
 * The extraction content script. Registered at runtime, not in the manifest: it runs only when the user
 * clicks, through `scripting.executeScript`, and its `main()` return value is the result (STYLE.md 6).
 * It imports nothing that opens storage: Dexie here would open the *page's* IndexedDB.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { extractPage } from '@/lib/extract';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main() {
    try {
      return extractPage(document, location.href);
    } catch (error) {
      // A result the background can show rather than a silent undefined.
      return { url: location.href, pageTitle: document.title, items: [], notes: [`Extraction failed: ${String(error)}`] };
    }
  },
});
