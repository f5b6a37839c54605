/**
 * The popup's entry: it starts reading the newest records and the stored search pack at once, with IndexedDB itself
 * (lib/library/newest.ts), so that the reads overlap with loading the app's code; Dexie, used for search and edits,
 * loads later.
 */
import { NEWEST_ROWS, readNewest, readSearchPack } from '@/lib/library/newest';
import { storedTheme } from '@/lib/platform';

const firstRows = readNewest(NEWEST_ROWS);
// The search table's one large value, read from disk while the code loads (turned into objects after the first paint).
const firstPack = readSearchPack();
// The chosen theme before anything is painted (the settings themselves load after the first rows).
void storedTheme().then(
  (theme) => theme !== 'system' && (document.documentElement.dataset.theme = theme),
  () => undefined,
);
import('./app').then(
  ({ start }) => start(firstRows, firstPack),
  (e: unknown) => {
    const message = document.createElement('p');
    message.className = 'error';
    message.role = 'alert';
    message.textContent = `Colophon could not start (${e instanceof Error ? e.message : String(e)}). Close and reopen it; if the extension was just updated, reload the page.`;
    document.getElementById('app')?.append(message);
  },
);
