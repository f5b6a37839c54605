/**
 * The library page's table in real Chromium over 10,000 records imported through the background: sorted by a
 * column both ways, a range picked by shift-click, tagged, exported as BibTeX (exactly those records), deleted
 * and restored; the keyboard selects and opens; axe finds no serious violations.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './a11y';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { generateItems } from './generate';
import { OUT, screenshot } from './screenshots';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

const rows = (page: Page) => page.getByTestId('record');
/** The text of one column in the rendered rows, top to bottom. */
const column = (page: Page, name: string) => rows(page).locator(`.td.${name}`).allTextContents();

describe('the library page', () => {
  it('sorts, selects a range by shift-click, tags, exports and deletes it with undo', { timeout: 240_000 }, async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.getByTestId('library-empty').waitFor();

    const items = generateItems(10_000);
    const outcome = await page.evaluate(
      (data) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ name: 'import', data: { items: data } }),
      items,
    );
    expect(outcome).toMatchObject({ ok: true, data: { added: 10_000, duplicates: 0 } });
    await page.reload();
    await expect.poll(() => page.getByTestId('count').textContent()).toBe('10,000');
    // Virtualised: only the rows in view (and a few around them) are in the DOM.
    expect(await rows(page).count()).toBeLessThan(60);
    await screenshot(page, 'library-page', { fullPage: false });

    // Sort by page count: largest first, then (second click) smallest first.
    const pageCounts = items.map((it) => Number(it['number-of-pages']));
    await page.getByTestId('sort-pages').click();
    const pagesHeader = page.getByRole('columnheader', { name: 'Pages' });
    expect(await pagesHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => Number((await column(page, 'pages'))[0])).toBe(Math.max(...pageCounts));
    await page.getByTestId('sort-pages').click();
    expect(await pagesHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => Number((await column(page, 'pages'))[0])).toBe(Math.min(...pageCounts));
    const shownPages = (await column(page, 'pages')).map(Number);
    expect(shownPages).toEqual([...shownPages].sort((a, b) => a - b));
    expect(await page.getByRole('columnheader', { name: 'Title' }).getAttribute('aria-sort')).toBeNull();

    // Narrow down, sort by title, then click the 2nd row and shift-click the 6th: five rows, in table order.
    await page.keyboard.press('/');
    await page.keyboard.type('heritage');
    const heritage = items.map((it) => String(it.title)).filter((t) => /Heritage/.test(t));
    await expect.poll(() => page.getByTestId('count').textContent()).toBe(`${heritage.length.toLocaleString('en')} of 10,000`);
    await page.getByTestId('sort-title').click();
    expect(await page.getByRole('columnheader', { name: 'Title' }).getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await column(page, 'title')).every((t) => t !== '…')).toBe(true);
    const titles = await column(page, 'title');
    // Titles compare case- and punctuation-blind (these generated ones are plain ASCII).
    const key = (t: string) => t.toLowerCase().replace(/,/g, '');
    expect(titles).toEqual([...heritage].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).slice(0, titles.length));
    await rows(page).nth(1).locator('.td.year').click();
    await rows(page).nth(5).locator('.td.year').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('5 selected');
    const chosen = await page.locator('[data-testid="record"][aria-selected="true"] .td.title').allTextContents();
    expect(chosen).toEqual(titles.slice(1, 6));
    // Ctrl-click takes one out and puts it back.
    await rows(page).nth(3).locator('.td.year').click({ modifiers: ['Control'] });
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('4 selected');
    await rows(page).nth(3).locator('.td.year').click({ modifiers: ['Control'] });
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('5 selected');
    expect(await seriousViolations(page)).toEqual([]);

    // Bulk tag: the five, and only they, carry the tag.
    await page.getByTestId('bulk-tag').click();
    await page.getByTestId('bulk-tag-input').fill('shortlist');
    await page.getByTestId('bulk-tag-input').press('Enter');
    await page.getByTestId('status').filter({ hasText: 'Tagged 5 records' }).waitFor();
    await page.getByTestId('search').fill('tag:shortlist');
    await expect.poll(() => page.getByTestId('count').textContent()).toBe('5 of 10,000');
    await expect.poll(async () => (await column(page, 'title')).sort()).toEqual([...chosen].sort());

    // Select all results, export them as BibTeX: exactly those five records.
    await page.getByTestId('select-all').check();
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('5 selected');
    await page.getByTestId('export-open').click();
    expect(await page.getByTestId('export-scope').inputValue()).toBe('selection');
    await screenshot(page, 'library-page-export', { fullPage: false, docs: false });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const bibPath = resolve(OUT, `library-page-${download.suggestedFilename()}`);
    await download.saveAs(bibPath);
    const bib = readFileSync(bibPath, 'utf8');
    expect(bib.match(/^@\w+\{/gm)).toHaveLength(5);
    // Each generated item has its own URL: the file's URLs are those of the chosen rows, no more, no fewer.
    const urlOf = new Map(items.map((it) => [String(it.title), String(it.URL)]));
    const exported = [...bib.matchAll(/^\s*url = \{([^}]*)\}/gm)].map((m) => m[1]);
    expect(exported.sort()).toEqual(chosen.map((t) => urlOf.get(t)).sort());
    await page.getByRole('button', { name: 'Close' }).click();

    // Delete the five, then undo.
    await page.getByTestId('bulk-delete').click();
    await page.getByTestId('undo').waitFor();
    await expect.poll(() => page.getByTestId('count').textContent()).toBe('0 of 9,995');
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('count').textContent()).toBe('5 of 10,000');
    await expect.poll(async () => (await column(page, 'title')).sort()).toEqual([...chosen].sort());
  });

  it('works from the keyboard: arrows, shift+arrows, space, Enter opens the editor, Esc clears', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await expect.poll(() => page.getByTestId('count').textContent()).toBe('10,000');

    // Newest first is shown as Saved ▼; one click on Saved reverses it: the first record imported heads the table.
    const savedHeader = page.getByRole('columnheader', { name: 'Saved' });
    expect(await savedHeader.getAttribute('aria-sort')).toBe('descending');
    await page.getByTestId('sort-saved').click();
    expect(await savedHeader.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await column(page, 'title'))[0]).toBe(String(generateItems(1)[0]!.title));

    await page.keyboard.press('/');
    await page.keyboard.type('diplomacy');
    await expect.poll(() => page.getByTestId('count').textContent()).toMatch(/^\d[\d,]* of 10,000$/);
    // Down from the search box moves into the table; shift+down twice selects three rows; space adds a fourth.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('3 selected');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('selected-count').textContent()).toBe('4 selected');
    const activeTitle = await page.locator('[data-testid="record"].active .td.title').textContent();

    // Enter opens the record beside the table; Esc closes it and focus returns to the table.
    await page.keyboard.press('Enter');
    await page.getByTestId('record-view').waitFor();
    expect(await page.getByTestId('record-title').textContent()).toBe(activeTitle);
    await page.getByTestId('edit').click();
    await page.locator('#edit-publisher-place').fill('Rijeka');
    await page.getByTestId('save-edit').click();
    await page.locator('.side-panel dd').filter({ hasText: 'Rijeka' }).waitFor();
    await screenshot(page, 'library-page-record', { fullPage: false, docs: false });
    expect(await seriousViolations(page)).toEqual([]);
    // The dark theme too: contrast is checked in both.
    await screenshot(page, 'library-page-dark', { fullPage: false, colorScheme: 'dark' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('record-view').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');

    // Esc clears the selection, then the search.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('selected-count').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('count').textContent()).toBe('10,000');
  });
});
