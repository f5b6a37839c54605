import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { keepPreview, keepThemeCopy, paintPreview, PREVIEW_KEY, previewOf, readPreview, readThemeCopy, THEME_KEY } from '@/components/preview';

/** The popup as the app renders it: header, a capture panel for the current page, the library, the footer. */
const popup = (rows: string) =>
  parseHTML(`<!doctype html><html data-theme="dark"><body><div id="preview"></div><div id="app"><main>
    <header><h1>Colophon</h1></header>
    <p class="status">Found one publication: check the fields, then save.</p>
    <form class="candidate"><input id="title-0" value="A page's publication"></form>
    <section class="library" aria-label="Your library"><h2>Your library</h2>
      <div class="searchbar"><input type="search" data-testid="search" placeholder="Search (press /)"></div>
      <p class="info" role="status">Deleted 1 record. <button>Undo</button></p>
      <div class="virtual"><ul data-testid="library">${rows}</ul></div>
    </section>
    <p class="muted footer"><a href="/options.html">Open the full library</a></p>
  </main></div></body></html>`).document;

const row = (title: string) => `<li style="top: 0px"><div class="record" data-testid="record"><span class="record-title">${title}</span></div></li>`;

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

describe('the popup’s preview (its last view of the library, painted before the app loads)', () => {
  it('keeps the library and the header, not the page’s capture, ids or test ids, and paints them back', () => {
    const document = popup(row('Cities &amp; culture') + row('Museums &lt;b&gt;now&lt;/b&gt;'));
    const preview = previewOf(document.querySelector('section.library')!)!;
    expect(preview.html).not.toContain('Found one publication');
    expect(preview.html).not.toContain('title-0');
    expect(preview.html).not.toMatch(/data-testid|\bid=/);
    expect(preview.html).toContain('Reading this page…');
    expect(preview.html).not.toContain('Undo');

    const storage = new MemoryStorage();
    keepPreview(storage, preview);
    const fresh = parseHTML('<!doctype html><html><body><div id="preview"></div><div id="app"></div></body></html>').document;
    expect(paintPreview(fresh.getElementById('preview')!, readPreview(storage))).toBe(true);
    const titles = [...fresh.querySelectorAll('#preview .record-title')].map((t) => t.textContent);
    // Text stays text: what the app escaped is not markup now either.
    expect(titles).toEqual(['Cities & culture', 'Museums <b>now</b>']);
    expect(fresh.querySelector('#preview b')).toBeNull();
    expect(fresh.querySelector('#preview h1')?.textContent).toBe('Colophon');
  });

  it('forgets the preview when the library shows no row', () => {
    const storage = new MemoryStorage();
    keepPreview(storage, previewOf(popup(row('One')).querySelector('section.library')!));
    expect(storage.items.has(PREVIEW_KEY)).toBe(true);
    keepPreview(storage, previewOf(popup('').querySelector('section.library')!));
    expect(storage.items.has(PREVIEW_KEY)).toBe(false);
    const host = popup('').getElementById('preview')!;
    expect(paintPreview(host, readPreview(storage))).toBe(false);
    expect(host.childNodes.length).toBe(0);
  });

  it('reads anything else stored under its key as no preview, and a failing storage as none kept', () => {
    for (const stored of ['not json', '42', '{"html": 5}', '{}', 'null'])
      expect(readPreview({ getItem: () => stored })).toBeUndefined();
    expect(readPreview({ getItem: () => { throw new Error('denied'); } })).toBeUndefined();
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined };
    expect(() => keepPreview(full, { html: '<main></main>' })).not.toThrow();
  });

  it('keeps a copy of the chosen theme for the entry script, none for the system’s', () => {
    const storage = new MemoryStorage();
    keepThemeCopy(storage, 'dark');
    expect(readThemeCopy(storage)).toBe('dark');
    keepThemeCopy(storage, 'system');
    expect(storage.items.has(THEME_KEY)).toBe(false);
    expect(readThemeCopy(storage)).toBeUndefined();
    expect(readThemeCopy({ getItem: () => { throw new Error('denied'); } })).toBeUndefined();
  });
});
