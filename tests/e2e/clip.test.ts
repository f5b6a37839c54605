/**
 * End to end in real headless Chromium: a page served on 127.0.0.1 is captured through the popup,
 * saved by the background, listed after a popup reload, and exported as BibTeX (download and clipboard).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { seriousViolations } from './a11y';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { screenshot } from './screenshots';

const OUT = resolve(import.meta.dirname, '../../test-results/e2e');
const DEMO = resolve(import.meta.dirname, '../../demo');

let server: { url: string; close(): Promise<unknown> };
let browser: ExtensionBrowser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await serveStatic(DEMO);
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('clip a publication announcement', () => {
  it('captures, saves, lists after reload and exports BibTeX', async () => {
    const pageUrl = `${server.url}/announcement.html`;
    const page = await browser.context.newPage();
    await page.goto(pageUrl);

    const popup = await browser.openPopup(pageUrl);
    const candidate = popup.getByTestId('candidate').first();
    await candidate.waitFor();
    // The visible heading of the publication, not the page's <title>.
    await expect.poll(() => candidate.locator('[name="title"]').inputValue()).toBe("Cities' External Cultural Relations: Trends and Actions");
    expect(await candidate.locator('[name="URL"]').inputValue()).toBe(pageUrl);
    expect(await candidate.locator('[name="publisher-place"]').inputValue()).toBe('Brussels');

    // The toolbar badge counts what was found on the tab.
    const worker = browser.context.serviceWorkers()[0]!;
    const badge = await worker.evaluate(async (url) => {
      const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> }; action: { getBadgeText(d: object): Promise<string> } } }).chrome;
      const [tab] = await api.tabs.query({ url });
      return api.action.getBadgeText({ tabId: tab!.id });
    }, pageUrl);
    expect(badge).toBe('1');

    // Every field shows where its value came from.
    await expect.poll(() => candidate.locator('.prov').count()).toBeGreaterThanOrEqual(5);
    await screenshot(popup, 'popup-capture');
    expect(await seriousViolations(popup)).toEqual([]);

    // A mistyped field is marked as the user types, in plain words, and can be reset to what the page said.
    const pages = candidate.locator('[name="number-of-pages"]');
    await pages.fill('26 pp');
    expect(await pages.getAttribute('aria-invalid')).toBe('true');
    const problem = candidate.locator(`#${await pages.getAttribute('aria-describedby')}`);
    expect(await problem.textContent()).toContain('in digits');
    await candidate.getByRole('button', { name: /^Reset Pages to the value found: 26/ }).click();
    expect(await pages.inputValue()).toBe('26');
    expect(await pages.getAttribute('aria-invalid')).toBeNull();

    // The user corrects a field before saving: the edit is what gets saved.
    await candidate.locator('[name="issued"]').fill('2017-06');
    await popup.getByTestId('save').click();
    await popup.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const first = popup.getByTestId('record').first();
    await expect.poll(() => first.textContent()).toContain("Cities' External Cultural Relations");
    await screenshot(popup, 'popup', { docs: false });

    // Saved by the background into IndexedDB: still there after the popup is reloaded.
    await popup.reload();
    await popup.getByTestId('record').first().waitFor();
    expect(await popup.getByTestId('record').count()).toBe(1);
    expect(await popup.getByTestId('record').first().textContent()).toContain('EUROCITIES');

    // The page's reading lands above the list and moves it down: act on the list once it has.
    await popup.getByTestId('candidate').first().waitFor();
    await popup.getByTestId('select-all').check();
    await popup.getByTestId('export-open').click();
    expect(await popup.getByTestId('export-scope').inputValue()).toBe('selection');
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('export-download').click()]);
    const bibPath = resolve(OUT, download.suggestedFilename());
    await download.saveAs(bibPath);
    const bib = readFileSync(bibPath, 'utf8');
    expect(download.suggestedFilename()).toBe('eurocities-2017-cities-external-cultural-relations-trends.bib');
    expect(bib).toMatch(/^@techreport\{eurocities2017cities,/m);
    expect(bib).toMatch(/author\s*=\s*\{\{EUROCITIES\}\}/);
    expect(bib).toMatch(/address\s*=\s*\{Brussels\}/);
    expect(bib).toMatch(/pagetotal\s*=\s*\{26\}/);
    expect(bib).toMatch(/title\s*=\s*\{.*External/);
    await screenshot(popup, 'popup-export');
    expect(await seriousViolations(popup)).toEqual([]);

    await popup.bringToFront();
    await popup.getByTestId('export-copy').click();
    await popup.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    // The clipboard is the system's: read it back from an ordinary page that may read it.
    await browser.context.grantPermissions(['clipboard-read'], { origin: server.url });
    await page.bringToFront();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bib);

    // A formatted style, built in the worker from the shipped CSL files; rich text goes on the clipboard too.
    await popup.bringToFront();
    await popup.getByTestId('export-format').selectOption('bibliography:apa');
    await popup.getByTestId('export-copy').click();
    await popup.getByRole('status').filter({ hasText: 'Copied 1 entry' }).waitFor();
    await page.bringToFront();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^EUROCITIES\. \(2017\)\. Cities’ External Cultural Relations: Trends and Actions\. EUROCITIES/);
  });
});
