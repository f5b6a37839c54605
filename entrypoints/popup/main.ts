/**
 * The popup's entry: it starts reading the newest records at once, with IndexedDB itself (lib/library/newest.ts),
 * so that opening the database overlaps with loading the app's code; Dexie, used for search and edits, loads later.
 */
import { NEWEST_ROWS, readNewest } from '@/lib/library/newest';
import { storedTheme } from '@/lib/platform';

const firstRows = readNewest(NEWEST_ROWS);
// The chosen theme before anything is painted (the settings themselves load after the first rows).
void storedTheme().then(
  (theme) => theme !== 'system' && (document.documentElement.dataset.theme = theme),
  () => undefined,
);
import('./app').then(
  ({ start }) => start(firstRows),
  (e: unknown) => {
    const message = document.createElement('p');
    message.className = 'error';
    message.role = 'alert';
    message.textContent = `Colophon could not start (${e instanceof Error ? e.message : String(e)}). Close and reopen it; if the extension was just updated, reload the page.`;
    document.getElementById('app')?.append(message);
  },
);
