/**
 * The paths that skip the toolbar click, in real Chromium: "Save selection as publication" from the context
 * menu, and the save-all shortcut. Headless Chromium cannot open native menus or press browser shortcuts, so
 * the e2e build exposes the background's own handlers (`colophonE2E`) and the test calls them from the
 * service worker with what the browser would pass.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { seriousViolations } from './a11y';
import { launchWithExtension, type ExtensionBrowser } from './browser';

const OUT = resolve(import.meta.dirname, '../../test-results/e2e');
const DEMO = resolve(import.meta.dirname, '../../demo');
let server: { url: string; close(): Promise<unknown> };
let browser: ExtensionBrowser;
let worker: Worker;

/** The worker's view of the APIs and hooks these tests use. */
type WorkerGlobals = {
  chrome: {
    tabs: { query(q: object): Promise<{ id: number }[]>; create(p: object): Promise<{ id: number }> };
    action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> };
  };
  colophonE2E: {
    contextMenuClick(info: { menuItemId: string; selectionText: string }, tab: { id: number }): Promise<void>;
    saveAll(tab: { id: number }): Promise<void>;
  };
};

/** The toolbar button's badge text and tooltip on the tab showing `url`. */
const badgeOf = (url: string) =>
  worker.evaluate(async (u) => {
    const g = globalThis as unknown as WorkerGlobals;
    const [tab] = await g.chrome.tabs.query({ url: u });
    return { text: await g.chrome.action.getBadgeText({ tabId: tab!.id }), title: await g.chrome.action.getTitle({ tabId: tab!.id }) };
  }, url);

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await serveStatic(DEMO);
  browser = await launchWithExtension();
  worker = browser.context.serviceWorkers()[0]!;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('save selection as publication', () => {
  it('reads the selected lines and opens them in the editor, labelled as the selection', async () => {
    const pageUrl = `${server.url}/listing.html`;
    const page = await browser.context.newPage();
    await page.goto(pageUrl);
    // The user selects one entry of the listing: its heading, its bibliographic line and its blurb.
    const menuText = await page.evaluate(() => {
      const heading = [...document.querySelectorAll('h2')].find((h) => h.textContent?.includes('Measuring Participation'))!;
      const range = document.createRange();
      range.setStartBefore(heading);
      range.setEndAfter(heading.nextElementSibling!.nextElementSibling!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      // What the context menu hands over: the same text without its line breaks.
      return getSelection()!.toString().replace(/\s+/g, ' ').trim();
    });
    await worker.evaluate(
      async ({ url, text }) => {
        const g = globalThis as unknown as WorkerGlobals;
        const [tab] = await g.chrome.tabs.query({ url });
        await g.colophonE2E.contextMenuClick({ menuItemId: 'save-selection', selectionText: text }, tab!);
      },
      { url: pageUrl, text: menuText },
    );

    const popup = await browser.openPopup(pageUrl);
    await popup.getByTestId('from-selection').waitFor();
    const candidates = popup.getByTestId('candidate');
    await expect.poll(() => candidates.count()).toBe(1); // the selected entry only, not the page's three
    const editor = candidates.first();
    expect(await editor.locator('[name="title"]').inputValue()).toBe('Measuring Participation in the Arts');
    expect(await editor.locator('[name="publisher"]').inputValue()).toBe('UNESCO Institute for Statistics');
    expect(await editor.locator('[name="publisher-place"]').inputValue()).toBe('Montreal');
    expect(await editor.locator('[name="issued"]').inputValue()).toBe('2017');
    expect(await editor.locator('[name="URL"]').inputValue()).toBe(pageUrl);
    expect(await editor.locator('.prov').first().textContent()).toBe('selected text');
    await popup.screenshot({ path: resolve(OUT, 'popup-selection.png'), fullPage: true });
    expect(await seriousViolations(popup)).toEqual([]);

    await popup.getByTestId('save').click();
    await popup.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    // Saved: the next popup on the tab reads the whole page again, and knows the entry is held.
    const again = await browser.openPopup(pageUrl);
    await expect.poll(() => again.getByTestId('candidate').count()).toBe(3);
    expect(await again.getByTestId('from-selection').count()).toBe(0);
    await expect.poll(() => again.getByTestId('duplicate').count()).toBe(1);
  });

  it('says plainly when nothing is selected', async () => {
    const pageUrl = `${server.url}/announcement.html`;
    await (await browser.context.newPage()).goto(pageUrl);
    await worker.evaluate(async (url) => {
      const g = globalThis as unknown as WorkerGlobals;
      const [tab] = await g.chrome.tabs.query({ url });
      await g.colophonE2E.contextMenuClick({ menuItemId: 'save-selection', selectionText: '' }, tab!);
    }, pageUrl);
    const popup = await browser.openPopup(pageUrl);
    await popup.getByRole('alert').filter({ hasText: 'No text is selected' }).waitFor();
    // The way back to the page's own publications is one button away.
    await popup.getByTestId('read-page').click();
    await popup.getByTestId('candidate').first().waitFor();
  });
});

describe('save selected text from the popup', () => {
  it('offers it where the page shows no publication, and reads what is selected', async () => {
    const pageUrl = `${server.url}/announcement.html?notes`;
    const page = await browser.context.newPage();
    await page.goto(pageUrl);
    // The page now holds nothing the page reader takes for a publication (a note, as on a blog or forum).
    await page.evaluate(() => {
      document.body.innerHTML = '<p id="note">Notes from the reading group, meeting of 3 March.</p>';
    });
    const popup = await browser.openPopup(pageUrl);
    const offer = popup.getByTestId('save-selection');
    await offer.waitFor();
    // The user pastes a reference into the page (as in a comment box) and selects it.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Abu-Nimer, M. (1999). Dialogue, conflict resolution and change. Albany, NY: State University of New York.';
      document.body.append(p);
      getSelection()!.selectAllChildren(p);
    });
    await offer.focus();
    await popup.keyboard.press('Enter'); // keyboard only
    await popup.getByTestId('from-selection').waitFor();
    const editor = popup.getByTestId('candidate').first();
    expect(await editor.locator('[name="title"]').inputValue()).toBe('Dialogue, conflict resolution and change');
    expect(await editor.locator('[name="publisher"]').inputValue()).toBe('State University of New York');
    expect(await editor.locator('[name="issued"]').inputValue()).toBe('1999');
  });
});

describe('the save-all shortcut', () => {
  it('saves every publication on the page without the popup, confirms on the badge, and never saves twice', async () => {
    const pageUrl = `${server.url}/listing.html?save-all`;
    await (await browser.context.newPage()).goto(pageUrl);
    const saveAll = () =>
      worker.evaluate(async (url) => {
        const g = globalThis as unknown as WorkerGlobals;
        const [tab] = await g.chrome.tabs.query({ url });
        await g.colophonE2E.saveAll(tab!);
      }, pageUrl);

    await saveAll();
    // One of the three was saved from the selection above: two are new.
    expect(await badgeOf(pageUrl)).toEqual({ text: '✓2', title: 'Colophon saved 2 publications; 1 was already in your library.' });
    await saveAll();
    expect(await badgeOf(pageUrl)).toEqual({ text: '✓0', title: 'Colophon saved 0 publications; 3 were already in your library.' });
  });

  it('says on the badge why a page cannot be saved', async () => {
    const message = await worker.evaluate(async () => {
      const g = globalThis as unknown as WorkerGlobals;
      const tab = await g.chrome.tabs.create({ url: 'chrome://version/' });
      await g.colophonE2E.saveAll(tab);
      return { text: await g.chrome.action.getBadgeText({ tabId: tab.id }), title: await g.chrome.action.getTitle({ tabId: tab.id }) };
    });
    expect(message.text).toBe('!');
    expect(message.title).toMatch(/^Nothing was saved: Colophon cannot read this page/);
  });
});
