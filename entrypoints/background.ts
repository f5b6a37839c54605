/**
 * The background service worker: wiring only. It captures tabs and writes the library; the popup may close
 * at any moment, so no write ever runs there.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { createLibraryRepository, openLibraryDb } from '@/lib/library';
import { handle } from '@/lib/messaging';
import { extractResultSchema } from '@/lib/model';
import { runExtractor, showFoundCount } from '@/lib/platform';

export default defineBackground(() => {
  const library = createLibraryRepository(openLibraryDb());
  handle({
    // The page is untrusted: its result is parsed (lengths capped, http(s) URLs only) before anyone uses it.
    capture: async ({ tabId }) => {
      const parsed = extractResultSchema.safeParse(await runExtractor(tabId));
      if (!parsed.success) {
        const onUrl = parsed.error.issues.some((i) => i.path[0] === 'url');
        throw new Error(onUrl ? 'Colophon clips web pages (http and https addresses) only.' : 'This page gave Colophon data it could not read safely; nothing was taken from it.');
      }
      const result = parsed.data;
      void showFoundCount(tabId, result.items.length).catch(() => undefined); // the tab may be gone
      return result;
    },
    save: ({ candidates }) => library.save(candidates),
    findDuplicates: async ({ candidates }) => ({ duplicates: await library.findDuplicates(candidates) }),
    applyDuplicate: async ({ id, candidate, fields }) => ({ record: await library.applyDuplicate(id, candidate, fields) }),
    update: async ({ id, item, clear, tags, note }) => {
      const cleared = Object.fromEntries((clear ?? []).map((field) => [field, undefined]));
      const patch = { ...(item || clear ? { item: { ...item, ...cleared } } : {}), ...(tags ? { tags } : {}), ...(note !== undefined ? { note } : {}) };
      return { record: await library.update(id, patch) };
    },
    remove: async ({ ids }) => ({ removed: await library.remove(ids) }),
    restore: async ({ records }) => (await library.restore(records), { restored: records.length }),
    tag: async ({ ids, add, remove }) => ({ changed: await library.tag(ids, { ...(add ? { add } : {}), ...(remove ? { remove } : {}) }) }),
    import: async ({ items }) => {
      const outcome = await library.importItems(items);
      return {
        added: outcome.added,
        duplicates: outcome.duplicates.length,
        invalid: outcome.invalid.slice(0, 1000),
        ...(outcome.error ? { error: outcome.error.message } : {}),
      };
    },
  });
});
