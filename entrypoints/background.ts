/**
 * The background service worker: wiring only. It captures tabs and writes the library; the popup may close
 * at any moment, so no write ever runs there. It also answers the context menu ("Save selection as
 * publication"), the save-all shortcut and, when the user opted in, reads pages as they load.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { extractFromText } from '@/lib/extract/selected-text';
import { createLibraryRepository, openLibraryDb, type ImportOutcome } from '@/lib/library';
import { handle, importItemsOf } from '@/lib/messaging';
import { extractResultSchema, isWebUrl, pageSelectionSchema, pendingSelectionSchema, type ExtractResult } from '@/lib/model';
import {
  activeTabId,
  addContextMenuItem,
  hasAllPagesPermission,
  onCommand,
  onContextMenuClick,
  onPageLoaded,
  onTabLeft,
  openPopupOrWindow,
  readSelection,
  runExtractor,
  sessionGet,
  sessionRemove,
  sessionSet,
  setBadge,
  showFoundCount,
  tabUrl,
  type MenuClick,
} from '@/lib/platform';
import { loadSettings } from '@/lib/platform/settings';

const SELECTION_MENU = 'save-selection';
/** The manifest's second command (wxt.config.ts). */
const SAVE_ALL_COMMAND = 'save-all';
const SAVED_COLOUR = '#1e7b34';
const ERROR_COLOUR = '#b3261e';
const QUIET_COLOUR = '#6b6b70';
/** How long the save-all confirmation stays on the badge before the found count comes back. */
const CONFIRMATION_MS = 5000;
/** How long after an import's last chunk the search pack is brought up to date. */
const PACK_AFTER_IMPORT_MS = 1500;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const pendingKey = (tabId: number) => `selection:${tabId}`;
const withoutFragment = (url: string) => url.replace(/#.*$/, '');

export default defineBackground(() => {
  const library = createLibraryRepository(openLibraryDb());
  /** Selections being read, by tab: a popup opened meanwhile waits for them instead of reading the page. */
  const reading = new Map<number, Promise<ExtractResult>>();
  /** The save-all confirmations on show, by tab, each with the timer that puts the found count back. */
  const confirmations = new Map<number, ReturnType<typeof setTimeout>>();
  /**
   * Each import under way, by import id: the last part received (the next is written only after it) and the time
   * its file's first entry is saved at (entry k of the file at `base + k`, the last one when its first part came).
   */
  const importsUnderWay = new Map<string, { last: Promise<ImportOutcome>; base: number }>();
  /** Import parts not yet settled: while any is, no search pack is built on a view's request. */
  let importsWriting = 0;
  /** After an import (its chunks come one message each), the search pack is rebuilt once, off the popup's thread. */
  let packTimer: ReturnType<typeof setTimeout> | undefined;
  const refreshPackSoon = () => {
    clearTimeout(packTimer);
    packTimer = setTimeout(() => {
      packTimer = undefined;
      void library.refreshPack().catch(() => undefined); // a cache
    }, PACK_AFTER_IMPORT_MS);
  };

  /** Runs the extractor in a tab and parses its (untrusted) result; the badge shows the count. */
  async function captureTab(tabId: number): Promise<ExtractResult> {
    const parsed = extractResultSchema.safeParse(await runExtractor(tabId));
    if (!parsed.success) {
      const onUrl = parsed.error.issues.some((i) => i.path[0] === 'url');
      throw new Error(onUrl ? 'Colophon clips web pages (http and https addresses) only.' : 'This page gave Colophon data it could not read safely; nothing was taken from it.');
    }
    void showFoundCount(tabId, parsed.data.items.length).catch(() => undefined); // the tab may be gone
    return parsed.data;
  }

  /**
   * Reads the tab's selection (with its line breaks, in the frame it was made in) and the publications it
   * describes, and keeps the result for the popup. `menuText` is the context menu's own copy of the selection
   * (without line breaks): used when the page cannot be scripted.
   */
  async function readSelectionOf(tabId: number, frameId?: number, menuText?: string): Promise<ExtractResult> {
    let raw: unknown;
    try {
      raw = await readSelection(tabId, frameId);
    } catch (error) {
      if (!menuText) throw error;
      raw = { text: menuText, url: (await tabUrl(tabId)) ?? '' };
    }
    const parsed = pageSelectionSchema.safeParse(raw);
    if (!parsed.success) throw new Error('This page gave Colophon a selection it could not read safely; nothing was taken from it.');
    const selection = parsed.data;
    const text = selection.text.trim() ? selection.text : (menuText ?? '');
    if (!text.trim()) throw new Error('No text is selected on this page. Select the lines that describe the publication, then try again.');
    if (!isWebUrl(selection.url)) throw new Error('Colophon clips web pages (http and https addresses) only.');
    const result = extractResultSchema.parse(
      extractFromText(text, {
        url: selection.url,
        ...(selection.siteName ? { siteName: selection.siteName } : {}),
        ...(selection.language ? { language: selection.language } : {}),
        ...(selection.title ? { pageTitle: selection.title } : {}),
      }),
    );
    await sessionSet(pendingKey(tabId), { tabId, result });
    return result;
  }

  /** Starts reading a selection; a popup asking meanwhile gets this read's result (or its error). */
  function startReading(tabId: number, frameId?: number, menuText?: string): Promise<ExtractResult> {
    const job = readSelectionOf(tabId, frameId, menuText);
    reading.set(tabId, job);
    job.then(
      () => reading.get(tabId) === job && reading.delete(tabId),
      () => undefined, // the error is kept for the popup until dropped or the tab navigates
    );
    return job;
  }

  /** "Save selection as publication": open the editor at once, and read the selection meanwhile. */
  async function onSelectionMenu(info: MenuClick, tabId: number | undefined): Promise<void> {
    if (info.menuItemId !== SELECTION_MENU || tabId === undefined) return;
    // Before any await: Firefox opens a popup only while it still counts the click as the user's action.
    const opened = openPopupOrWindow(tabId).catch(() => null);
    try {
      await startReading(tabId, info.frameId, info.selectionText);
    } catch (error) {
      // The popup shows the error; should it not have opened, the toolbar button says it.
      await setBadge(tabId, '!', ERROR_COLOUR, message(error)).catch(() => undefined);
    }
    await opened;
  }

  /** The save-all shortcut: every publication on the page saved, no popup; the badge and tooltip confirm. */
  async function saveAll(tabId: number | undefined): Promise<void> {
    const id = tabId ?? (await activeTabId());
    if (id === undefined) {
      // No tab to mark: the button's global badge says it instead.
      await setBadge(undefined, '!', ERROR_COLOUR, 'Colophon found no page to save from in this window.').catch(() => undefined);
      return;
    }
    try {
      const result = await captureTab(id);
      if (!result.items.length) {
        clearTimeout(confirmations.get(id)); // an earlier confirmation must not paint over this
        await setBadge(id, '0', QUIET_COLOUR, 'Colophon found no publication on this page; nothing was saved.');
        return;
      }
      const { saved, duplicates } = await library.save(result.items);
      const parts = [saved.length === 1 ? 'Colophon saved 1 publication' : `Colophon saved ${saved.length} publications`];
      if (duplicates.length) parts.push(duplicates.length === 1 ? '1 was already in your library' : `${duplicates.length} were already in your library`);
      await setBadge(id, `✓${saved.length}`, SAVED_COLOUR, `${parts.join('; ')}.`);
      // A second press restarts the wait: the earlier confirmation's timer must not clear this one.
      clearTimeout(confirmations.get(id));
      confirmations.set(
        id,
        setTimeout(() => {
          confirmations.delete(id);
          void showFoundCount(id, result.items.length).catch(() => undefined);
        }, CONFIRMATION_MS),
      );
    } catch (error) {
      clearTimeout(confirmations.get(id)); // an earlier confirmation must not paint over this
      await setBadge(id, '!', ERROR_COLOUR, `Nothing was saved: ${message(error)}`).catch(() => undefined);
    }
  }

  handle({
    // The page is untrusted: its result is parsed (lengths capped, http(s) URLs only) before anyone uses it.
    capture: ({ tabId }) => {
      // The popup checks what it finds against the library next: the keys are read while the page is.
      void library.readKeys();
      return captureTab(tabId);
    },
    pendingSelection: async ({ tabId }) => {
      // A read still running, or one that failed: its result or its error (shown by every popup opened on
      // the tab until the user goes back to the page, or the tab navigates).
      const inFlight = reading.get(tabId);
      if (inFlight) return { result: await inFlight };
      const stored = pendingSelectionSchema.safeParse(await sessionGet(pendingKey(tabId)));
      if (!stored.success || stored.data.tabId !== tabId) return { result: null };
      // Only for the page it was made on. Without host permissions a navigation is not always reported
      // (onTabLeft), and the tab's address is readable only while activeTab holds, i.e. on the same page.
      const current = await tabUrl(tabId).catch(() => undefined);
      if (!current || withoutFragment(current) !== withoutFragment(stored.data.result.url)) {
        await sessionRemove(pendingKey(tabId));
        return { result: null };
      }
      return { result: stored.data.result };
    },
    readSelection: async ({ tabId }) => {
      const job = startReading(tabId);
      try {
        return await job;
      } catch (error) {
        if (reading.get(tabId) === job) reading.delete(tabId); // the popup that asked shows it; no later one
        throw error;
      }
    },
    dropSelection: async ({ tabId }) => {
      reading.delete(tabId);
      const held = (await sessionGet(pendingKey(tabId))) !== undefined;
      await sessionRemove(pendingKey(tabId));
      return { dropped: held };
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
    // While an import writes (its pack is due after its last part), a view's request would build a pack the next
    // part makes stale, on the cores the import needs: the one due after the import serves it.
    refreshSearchPack: async () => ({ stored: packTimer === undefined && importsWriting === 0 ? await library.refreshPack() : false }),
    import: async ({ items: given, importId, offset = 0, total: stated }) => {
      // The page keeps two parts of a file in flight: this one is parsed while the one before commits, and is
      // written after it (never beside it: each part must see the keys the one before added).
      const under = importId === undefined ? undefined : importsUnderWay.get(importId);
      let items: unknown[];
      try {
        items = importItemsOf(given);
      } catch (error) {
        // Refused whole: the parts after it must not be written either.
        if (importId !== undefined) {
          const refused = Promise.reject(error instanceof Error ? error : new Error(String(error)));
          refused.catch(() => undefined);
          importsUnderWay.set(importId, { last: refused, base: under?.base ?? Date.now() });
        }
        throw error;
      }
      const total = stated ?? items.length;
      const base = under?.base ?? Date.now() - total;
      const job = library.importItems(items, { ...(under ? { after: under.last } : {}), firstSavedAt: base + offset });
      importsWriting++;
      const settled = () => void importsWriting--;
      job.then(settled, settled);
      if (importId !== undefined) {
        const entry = { last: job, base };
        importsUnderWay.set(importId, entry);
        // Forgotten once written; a part that failed stays, so a part arriving after its answer is not written
        // either (the worker's memory goes when it stops; a failed import holds one entry until then).
        job.then(
          (outcome) => !outcome.error && importsUnderWay.get(importId) === entry && importsUnderWay.delete(importId),
          () => undefined,
        );
      }
      const outcome = await job;
      if (outcome.added) refreshPackSoon();
      return {
        added: outcome.added,
        duplicates: outcome.duplicates.length,
        invalid: outcome.invalid.slice(0, 1000),
        ...(outcome.error ? { error: outcome.error.message } : {}),
      };
    },
  });

  // At every start, not only on install: Firefox forgets the menus of a persistent background page on restart
  // (adding replaces the item, so Chrome, which keeps them, gets no duplicate).
  void addContextMenuItem(SELECTION_MENU, 'Save selection as publication', ['selection']).catch(() => undefined);
  onContextMenuClick((info, tabId) => void onSelectionMenu(info, tabId));
  onCommand((command, tabId) => {
    if (command === SAVE_ALL_COMMAND) void saveAll(tabId);
  });
  // A pending selection belongs to the page it was made on.
  onTabLeft((tabId) => {
    reading.delete(tabId);
    void sessionRemove(pendingKey(tabId)).catch(() => undefined);
  });
  // Automatic detection: only when the user turned it on and granted the permission (checked at every load,
  // so turning it off or revoking the permission stops it at once).
  onPageLoaded((tabId, url) => {
    if (!/^https?:/i.test(url)) return;
    void (async () => {
      const { autoDetect } = await loadSettings();
      if (!autoDetect || !(await hasAllPagesPermission())) return;
      await captureTab(tabId);
    })().catch(() => undefined); // a page that cannot be read simply gets no count
  });

  // The e2e build only: headless Chromium cannot click native menus or press browser shortcuts, so the tests
  // call the same handlers from the service worker (dead code in other builds).
  if (import.meta.env.MODE === 'e2e') {
    Object.assign(globalThis, {
      colophonE2E: {
        contextMenuClick: (info: MenuClick, tab: { id?: number }) => onSelectionMenu(info, tab.id),
        saveAll: (tab: { id?: number }) => saveAll(tab.id),
      },
    });
  }
});
