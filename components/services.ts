/**
 * The services the popup and the library page hand their components: reads from the library directly,
 * every write through the background (STYLE.md 7: built here, passed in).
 */
import { createLibraryRepository, openLibraryDb } from '@/lib/library';
import { send } from '@/lib/messaging';
import type { CslItem } from '@/lib/model';
import {
  copyRich,
  copyText,
  downloadText,
  dropAllPagesPermission,
  hasAllPagesPermission,
  loadSettings,
  onSettingsChanged,
  requestAllPagesPermission,
  requestPersistentStorage,
  saveSettings,
} from '@/lib/platform';
import type { AppServices } from './app';
import type { SettingsServices } from './settings-context';
import { runExportInWorker } from './worker/cite-client';

export function createServices(targetTabId: () => Promise<number>): AppServices {
  return {
    capture: async () => send('capture', { tabId: await targetTabId() }),
    pendingSelection: async () => {
      const tabId = await targetTabId().catch(() => undefined); // no page: `capture` says so in its own words
      return tabId === undefined ? null : (await send('pendingSelection', { tabId })).result;
    },
    readSelection: async () => send('readSelection', { tabId: await targetTabId() }),
    dropSelection: async () => void (await send('dropSelection', { tabId: await targetTabId() })),
    save: async (candidates) => {
      void requestPersistentStorage().catch(() => false);
      return send('save', { candidates });
    },
    findDuplicates: async (candidates) => (await send('findDuplicates', { candidates })).duplicates,
    applyDuplicate: async (id, candidate, fields) =>
      (await send('applyDuplicate', { id, candidate, fields: fields as (keyof CslItem)[] })).record,
    update: async (id, change) => (await send('update', { id, ...change })).record,
    remove: async (ids) => (await send('remove', { ids })).removed,
    restore: async (records) => void (await send('restore', { records })),
    tag: async (ids, change) => (await send('tag', { ids, ...change })).changed,
    importItems: async (items) => {
      void requestPersistentStorage().catch(() => false);
      return send('import', { items });
    },
    // The popup only reads the library (live queries and the search table); every write goes through the background.
    library: createLibraryRepository(openLibraryDb()),
    runExport: runExportInWorker,
    copy: (text, html) => (html ? copyRich(html, text) : copyText(text)),
    download: downloadText,
  };
}

/** The settings, stored in `storage.local` through lib/platform, with the optional permission behind automatic detection. */
export function createSettingsServices(): SettingsServices {
  return {
    load: loadSettings,
    save: saveSettings,
    subscribe: onSettingsChanged,
    requestAllPages: requestAllPagesPermission,
    hasAllPages: hasAllPagesPermission,
    dropAllPages: dropAllPagesPermission,
  };
}
