/**
 * The popup's entry. Before anything else loads, it paints the preview of the library as the popup last showed it
 * (components/preview.ts) and starts reading the newest records and the stored search pack with IndexedDB itself
 * (lib/library/newest.ts), so the reads overlap with loading the app's code. The app replaces the preview once it
 * has the rows from the database.
 */
import { keepPreview, localStore, paintPreview, previewOf, readPreview, readThemeCopy } from '@/components/preview';
import { NEWEST_ROWS, readNewest, readSearchPack } from '@/lib/library/newest';
import { storedTheme } from '@/lib/platform';

const storage = localStore();
// The chosen theme first (a copy the settings keep here; the settings themselves load after the first rows).
const theme = storage && readThemeCopy(storage);
if (theme) document.documentElement.dataset.theme = theme;
const preview = document.getElementById('preview')!;
if (storage && paintPreview(preview, readPreview(storage))) performance.mark('colophon:first-rows');
const shown = () => preview.replaceChildren();
// Should the app never get as far as its rows, it is shown anyway, with whatever it says.
setTimeout(shown, 3000);

const opening = {
  rows: readNewest(NEWEST_ROWS),
  // The search table's one large value, read from disk while the code loads (turned into objects after the first paint).
  pack: readSearchPack(),
  shown,
  keep: (section: HTMLElement) => storage && keepPreview(storage, previewOf(section)),
};
// The stored settings' theme (the copy above may be missing: a first opening, or storage unavailable).
void storedTheme().then(
  (theme) => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  },
  () => undefined,
);
import('./app').then(
  ({ start }) => start(opening),
  (e: unknown) => {
    shown();
    const message = document.createElement('p');
    message.className = 'error';
    message.role = 'alert';
    message.textContent = `Colophon could not start (${e instanceof Error ? e.message : String(e)}). Close and reopen it; if the extension was just updated, reload the page.`;
    document.getElementById('app')?.append(message);
  },
);
