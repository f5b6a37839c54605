/** Popup wiring: builds the services from lib/ and renders the app. */
import { render } from 'preact';
import { App, type AppServices } from '@/components/app';
import { createLibraryRepository, openLibraryDb } from '@/lib/library';
import { send } from '@/lib/messaging';
import { activeTabId, copyRich, copyText, downloadText, requestPersistentStorage, tabIdByUrl } from '@/lib/platform';
import { runExportInWorker } from './export-client';

/**
 * The tab to read. A real popup reads the active tab. The e2e build opens the popup as a tab of its own,
 * so it names its target with `?target=URL`; other builds ignore the parameter (dead code outside e2e).
 */
async function targetTabId(): Promise<number> {
  const target = import.meta.env.MODE === 'e2e' ? new URLSearchParams(location.search).get('target') : null;
  const id = target ? await tabIdByUrl(target) : await activeTabId();
  if (id === undefined) throw new Error('There is no page to read in this window.');
  return id;
}

// The popup only reads the library (live queries); every write goes through the background.
const library = createLibraryRepository(openLibraryDb());

const services: AppServices = {
  capture: async () => send('capture', { tabId: await targetTabId() }),
  save: async (candidates) => {
    void requestPersistentStorage().catch(() => false);
    return send('save', { candidates });
  },
  applyDuplicate: async (id, candidate) => (await send('applyDuplicate', { id, candidate })).record,
  update: async (id, change) => (await send('update', { id, ...change })).record,
  remove: async (ids) => (await send('remove', { ids })).removed,
  restore: async (records) => void (await send('restore', { records })),
  tag: async (ids, change) => (await send('tag', { ids, ...change })).changed,
  library,
  runExport: runExportInWorker,
  copy: (text, html) => (html ? copyRich(html, text) : copyText(text)),
  download: downloadText,
};

render(<App services={services} />, document.getElementById('app')!);
