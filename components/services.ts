/**
 * The services the popup and the library page hand their components: reads from the library directly,
 * every write through the background (STYLE.md 7: built here, passed in).
 */
import type { LibraryRepository } from '@/lib/library';
import { createLibraryReader } from '@/lib/library/reader';
import type * as Messaging from '@/lib/messaging';
import type { CslItem } from '@/lib/model';
import {
  copyRich,
  copyText,
  downloadText,
  dropAllPagesPermission,
  hasAllPagesPermission,
  requestAllPagesPermission,
  requestPersistentStorage,
} from '@/lib/platform';
import type { AppServices } from './app';
import { once } from './lazy';
import type { SettingsServices } from './settings-context';
import { runExportInWorker } from './worker/cite-client';

// The zod schemas of the protocol load after the first rows, on the first call that needs them; Dexie only when
// the database must be created or upgraded (lib/library/reader.ts).
const messaging = once(() => import('@/lib/messaging'));
const send: typeof Messaging.send = async (name, data) => (await messaging()).send(name, data);
const settingsStore = once(() => import('@/lib/platform/settings'));
const openRepository = once(() => import('@/lib/library').then((m): LibraryRepository => m.createLibraryRepository(m.openLibraryDb())));

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
    importItems: async (items, part) => {
      void requestPersistentStorage().catch(() => false);
      return send('import', { items, ...part });
    },
    // The views only read the library, with IndexedDB itself (Dexie loads only to create or upgrade the database);
    // every write goes through the background.
    library: createLibraryReader({ upgrade: openRepository, refreshPack: async () => (await send('refreshSearchPack', {})).stored }),
    runExport: runExportInWorker,
    copy: (text, html) => (html ? copyRich(html, text) : copyText(text)),
    download: downloadText,
  };
}

/** The settings, stored in `storage.local` through lib/platform, with the optional permission behind automatic detection. */
/** `after`: in the popup, the settings (and zod) load once the first rows are painted. */
export function createSettingsServices(after: Promise<unknown> = Promise.resolve()): SettingsServices {
  const store = () => after.then(settingsStore);
  return {
    // Read through zod: loaded when first asked (after the popup's first rows), like the rest of the schemas.
    load: async () => (await store()).loadSettings(),
    save: async (change) => (await store()).saveSettings(change),
    subscribe(listener) {
      let stop: (() => void) | undefined;
      let stopped = false;
      void store().then((m) => {
        if (!stopped) stop = m.onSettingsChanged(listener);
      });
      return () => {
        stopped = true;
        stop?.();
      };
    },
    requestAllPages: requestAllPagesPermission,
    hasAllPages: hasAllPagesPermission,
    dropAllPages: dropAllPagesPermission,
  };
}
