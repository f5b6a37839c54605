/**
 * A large library in real Chromium: 10,000 records imported through the background, then the popup is
 * searched with a typo and a filter, a result is opened, edited, tagged, deleted and restored; saving a
 * page twice offers to update the saved record instead of a second copy.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { seriousViolations } from './a11y';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { screenshot } from './screenshots';
import { generateItems } from './generate';

let server: { url: string; close(): Promise<unknown> };
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await serveStatic(resolve(import.meta.dirname, '../../demo'));
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a library of 10,000 records', () => {
  it('searches with a typo and a filter, opens, edits, tags, deletes and undoes', { timeout: 240_000 }, async () => {
    const pageUrl = `${server.url}/announcement.html`;
    await (await browser.context.newPage()).goto(pageUrl);
    const popup = await browser.openPopup(pageUrl);
    await popup.getByTestId('candidate').first().waitFor();

    // Import through the same message the library page uses.
    const items = generateItems(10_000);
    const outcome = await popup.evaluate(
      (data) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ name: 'import', data: { items: data } }),
      items,
    );
    expect(outcome).toMatchObject({ ok: true, data: { added: 10_000, duplicates: 0 } });
    // The background rebuilds the search pack after an import: one stored value that holds every record.
    const packRows = () =>
      popup.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('colophon').onsuccess = (e) => resolve((e.target as IDBOpenDBRequest).result)));
        const pack = await new Promise<{ starts: Int32Array } | undefined>((resolve) => {
          const get = db.transaction('searchPack').objectStore('searchPack').get('pack');
          get.onsuccess = () => resolve(get.result as { starts: Int32Array } | undefined);
        });
        db.close();
        return pack ? pack.starts.length - 1 : 0;
      });
    await expect.poll(packRows, { timeout: 30_000 }).toBe(10_000);

    await popup.reload();
    await popup.getByTestId('record').first().waitFor();
    await expect.poll(() => popup.getByTestId('count').textContent()).toBe('10,000');
    // Virtualised: only the rows in view are in the DOM.
    expect(await popup.getByTestId('record').count()).toBeLessThan(40);

    // The query syntax is one click away, under the box.
    await popup.getByRole('button', { name: 'Search help' }).click();
    expect(await popup.getByTestId('search-help').textContent()).toContain('year:2010..2017');
    await popup.getByRole('button', { name: 'Search help' }).click();
    expect(await popup.getByTestId('search-help').count()).toBe(0);

    // "/" focuses the search box; "govrnance" has a typo; the filter keeps 2010–2012.
    await popup.keyboard.press('/');
    await popup.keyboard.type('govrnance year:2010..2012');
    await expect.poll(() => popup.getByTestId('count').textContent()).toMatch(/^\d[\d,]* of 10,000$/);
    const found = Number((await popup.getByTestId('count').textContent())!.split(' of ')[0]!.replace(/,/g, ''));
    const expected = items.filter((it) => /Governance/.test(String(it.title)) && [2010, 2011, 2012].includes((it.issued as { 'date-parts': number[][] })['date-parts'][0]![0]!)).length;
    expect(found).toBe(expected);
    const firstTitle = await popup.getByTestId('record').first().locator('.record-title').textContent();
    expect(firstTitle).toContain('Governance');
    await screenshot(popup, 'popup-search');

    // Arrow down + Enter opens the first result.
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('Enter');
    await popup.getByTestId('record-view').waitFor();
    expect(await popup.getByTestId('record-title').textContent()).toBe(firstTitle);
    expect(await seriousViolations(popup)).toEqual([]);

    await popup.getByTestId('tag-input').fill('to read');
    await popup.getByTestId('tag-input').press('Enter');
    await popup.locator('.tag').filter({ hasText: 'to read' }).waitFor();
    await popup.getByTestId('edit').click();
    await popup.locator('#edit-publisher-place').fill('Rijeka');
    await popup.getByTestId('save-edit').click();
    await popup.locator('dd').filter({ hasText: 'Rijeka' }).waitFor();

    await popup.getByTestId('back').click();
    await popup.getByTestId('search').fill('tag:"to read" rijeka');
    await expect.poll(() => popup.getByTestId('count').textContent()).toBe('1 of 10,000');

    await popup.getByTestId('record').first().locator('.record-open').click();
    await popup.getByTestId('delete').click();
    await popup.getByTestId('undo').waitFor();
    await expect.poll(() => popup.getByTestId('count').textContent()).toBe('0 of 9,999');
    await popup.getByTestId('undo').click();
    await expect.poll(() => popup.getByTestId('count').textContent()).toBe('1 of 10,000');
  });

  it('offers to update a record saved before instead of saving a second copy', async () => {
    const pageUrl = `${server.url}/listing.html`;
    await (await browser.context.newPage()).goto(pageUrl);
    let popup = await browser.openPopup(pageUrl);
    await popup.getByTestId('candidate').first().waitFor();
    await popup.getByTestId('save').click();
    await popup.getByRole('status').filter({ hasText: 'Saved 3' }).waitFor();
    await popup.reload();
    await popup.getByTestId('record').first().waitFor();
    // "40 of …" until the library is counted, "40 of 10,003" while the search table loads, then "10,003".
    await expect.poll(async () => (await popup.getByTestId('count').textContent()) ?? '…').not.toContain('…');
    const total = async () => Number(((await popup.getByTestId('count').textContent()) ?? '').split(' of ').at(-1)!.replace(/\D/g, ''));
    const held = await total();
    expect(held).toBeGreaterThan(10_000);

    popup = await browser.openPopup(pageUrl);
    await popup.getByTestId('candidate').first().waitFor();
    // Marked as soon as the page is read, before any Save: all three are held, none checked for saving.
    await expect.poll(() => popup.getByTestId('duplicate').count()).toBe(3);
    expect(await popup.getByTestId('save').isDisabled()).toBe(true);
    // Nothing differs yet, so there is nothing to update.
    expect(await popup.getByTestId('update-duplicate').count()).toBe(0);
    // This time the first one carries a page count the saved record lacks (the user typed it here).
    const first = popup.getByTestId('candidate').first();
    await first.getByRole('button', { name: 'Edit' }).click();
    await first.locator('[name="number-of-pages"]').fill('215');
    await popup.getByTestId('update-duplicate').waitFor();
    // Field by field: the differing page count is offered, checked; nothing else differs.
    const offer = popup.getByTestId('duplicate').first();
    expect(await offer.locator('li').allTextContents()).toEqual([expect.stringMatching(/^ ?Pages: 214 → 215/)]);
    expect(await popup.getByTestId('update-duplicate').count()).toBe(1);
    await popup.getByTestId('update-duplicate').click();
    await offer.filter({ hasText: 'updated' }).waitFor();
    // No second copy: the library holds as many records as before.
    await expect.poll(total).toBe(held);
    await popup.getByTestId('search').fill('culture and the city');
    await expect.poll(() => popup.getByTestId('record').first().locator('.byline').textContent()).toContain('215 pp.');
  });

  it('paints the last view of the library at once, then the rows read from the database in its place', async () => {
    const pageUrl = `${server.url}/announcement.html`;
    const first = await browser.openPopup(pageUrl);
    await first.getByTestId('record').first().waitFor();
    const newest = (await first.getByTestId('record').first().locator('.record-title').textContent())!;
    // The popup keeps its view of the newest rows for the next opening.
    await expect.poll(() => first.evaluate(() => localStorage.getItem('colophon:preview') ?? '')).toContain(newest);
    await first.close();

    // The newest record goes while no popup is open (as a save or delete from the library page would).
    const helper = await browser.context.newPage();
    await helper.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const removed = await helper.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => (indexedDB.open('colophon').onsuccess = (e) => resolve((e.target as IDBOpenDBRequest).result)));
      const id = await new Promise<string>((resolve) => {
        const cursor = db.transaction('records').objectStore('records').index('savedAt').openCursor(null, 'prev');
        cursor.onsuccess = () => resolve((cursor.result!.value as { id: string }).id);
      });
      db.close();
      return (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime.sendMessage({ name: 'remove', data: { ids: [id] } });
    });
    expect(removed.ok).toBe(true);
    await helper.close();

    // Every title the preview showed, recorded from the page's first moment.
    const popup = await browser.context.newPage();
    await popup.addInitScript(() => {
      const seen: string[] = [];
      (globalThis as unknown as { previewTitles: string[] }).previewTitles = seen;
      new MutationObserver(() => document.querySelectorAll('#preview .record-title').forEach((t) => seen.push(t.textContent ?? ''))).observe(document, { childList: true, subtree: true });
    });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?target=${encodeURIComponent(pageUrl)}`);
    await popup.waitForFunction(() => performance.getEntriesByName('colophon:library-rows').length > 0);
    // The preview came first, and showed the record as it was when the popup last closed...
    expect(await popup.evaluate(() => (globalThis as unknown as { previewTitles: string[] }).previewTitles)).toContain(newest);
    const [painted, read] = await popup.evaluate(() => ['colophon:first-rows', 'colophon:library-rows'].map((m) => performance.getEntriesByName(m)[0]!.startTime));
    expect(painted).toBeLessThan(read!);
    // ...then the app took its place with the database's rows: the deleted record is gone, and nothing is shown twice.
    expect(await popup.locator('#preview *').count()).toBe(0);
    expect(await popup.getByTestId('record').first().locator('.record-title').textContent()).not.toBe(newest);
    expect(await popup.getByTestId('search').isVisible()).toBe(true);
    await popup.getByTestId('search').fill(`"${newest}"`);
    await expect.poll(() => popup.getByTestId('count').textContent()).toMatch(/^0 of /);
  });
});
