/**
 * The background service worker: wiring only. It captures tabs and writes the library; the popup may close
 * at any moment, so no save ever runs there.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { createLibraryRepository, openLibraryDb } from '@/lib/library';
import { handle } from '@/lib/messaging';
import { extractResultSchema } from '@/lib/model';
import { runExtractor } from '@/lib/platform';

export default defineBackground(() => {
  const library = createLibraryRepository(openLibraryDb());
  handle({
    // The page is untrusted: its result is parsed (lengths capped, http(s) URLs only) before anyone uses it.
    capture: async ({ tabId }) => extractResultSchema.parse(await runExtractor(tabId)),
    save: async ({ candidates }) => ({ saved: await library.saveCandidates(candidates) }),
  });
});
