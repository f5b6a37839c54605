/**
 * The popup's preview: its last clean view of the library (header, search bar, the newest rows), kept in the
 * extension's localStorage and painted by popup/main.ts before any other code loads or IndexedDB answers (issue 4:
 * first rows ≤ 100 ms, where a blank page of the extension takes 84 ms here). It is inert, and the app, hidden
 * meanwhile, takes its place as soon as it has read the rows from the database, in the same frame; so a preview a
 * moment stale (a save from the context menu since) is shown for tens of milliseconds, then corrected.
 *
 * The stored HTML is the app's own rendering (Preact escapes every text), copied from the DOM; ids and test ids
 * are dropped so nothing is named twice. Plain DOM, no Preact: main.ts paints it with nothing else loaded.
 */

export const PREVIEW_KEY = 'colophon:preview';
/** A copy of the chosen theme, kept where the entry script can read it at once (the settings live in storage.local). */
export const THEME_KEY = 'colophon:theme';

export interface Preview {
  /** The popup's <main> as it was, the capture area replaced by the "Reading this page…" line. */
  html: string;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The stored preview, or undefined when there is none (or it is not one). */
export function readPreview(storage: Pick<Storage, 'getItem'>): Preview | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(PREVIEW_KEY) ?? 'null');
    if (!value || typeof value !== 'object') return undefined;
    const { html } = value as Record<string, unknown>;
    return typeof html === 'string' ? { html } : undefined;
  } catch {
    return undefined; // storage unavailable or not JSON: no preview
  }
}

/** Paints a preview into `host`; true when it shows at least one row. */
export function paintPreview(host: HTMLElement, preview: Preview | undefined): boolean {
  if (!preview) return false;
  // Parsed as a document of its own (nothing in it runs), then moved in.
  const Parser = host.ownerDocument.defaultView?.DOMParser ?? DOMParser;
  const parsed = new Parser().parseFromString(`<!doctype html><html><body>${preview.html}</body></html>`, 'text/html');
  host.replaceChildren(...parsed.body.childNodes);
  return host.querySelector('li') !== null;
}

/**
 * The preview of the popup's <main> holding `section` (the library view): a copy with the capture area replaced by
 * the line the app shows while reading the page, without notes of the moment (Undo, errors), ids or test ids.
 * Undefined when the list shows no row.
 */
export function previewOf(section: Element): Preview | undefined {
  const main = section.closest('main');
  if (!main || !section.querySelector('li')) return undefined;
  const copy = main.cloneNode(true) as Element;
  const library = copy.querySelector('section.library')!;
  // Between the header and the library: the capture panel, as it is for this page; the next page is read anew.
  for (let node = copy.querySelector('header')?.nextSibling; node && node !== library; ) {
    const next = node.nextSibling;
    node.remove();
    node = next;
  }
  const reading = copy.ownerDocument.createElement('p');
  reading.className = 'muted';
  reading.textContent = 'Reading this page…';
  library.before(reading);
  // Notes of the moment (Undo, errors) are not part of the next opening.
  for (const passing of library.querySelectorAll('[role="status"], [role="alert"]')) passing.remove();
  for (const named of copy.querySelectorAll('[id], [data-testid]')) {
    named.removeAttribute('id');
    named.removeAttribute('data-testid');
  }
  return { html: copy.outerHTML };
}

/** Keeps (or, with undefined, forgets) the preview; a full or unavailable storage keeps nothing, silently. */
export function keepPreview(storage: Store, preview: Preview | undefined): void {
  try {
    if (preview) storage.setItem(PREVIEW_KEY, JSON.stringify(preview));
    else storage.removeItem(PREVIEW_KEY);
  } catch {
    // A preview is only a head start.
  }
}

/** The theme's copy ('light' or 'dark'; absent for the system's), or undefined when storage is unavailable. */
export function readThemeCopy(storage: Pick<Storage, 'getItem'>): string | undefined {
  try {
    return storage.getItem(THEME_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the theme's copy (settings-context applies the theme through here, in every page). */
export function keepThemeCopy(storage: Store, theme: string): void {
  try {
    if (theme === 'system') storage.removeItem(THEME_KEY);
    else storage.setItem(THEME_KEY, theme);
  } catch {
    // The stored settings stay the truth; the copy only spares a flash of the other theme.
  }
}

/** The page's localStorage, or undefined where reading it throws (storage disabled). */
export function localStore(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}
