/**
 * A listing page in real Chromium: every publication is offered with its own checkbox, and the user saves
 * some of them (here 2 of 3), which arrive in the library in page order.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { seriousViolations } from './a11y';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { screenshot } from './screenshots';

const DEMO = resolve(import.meta.dirname, '../../demo');
let server: { url: string; close(): Promise<unknown> };
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await serveStatic(DEMO);
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a page that lists several publications', () => {
  it('offers each one with a checkbox and saves the chosen ones', async () => {
    const pageUrl = `${server.url}/listing.html`;
    await (await browser.context.newPage()).goto(pageUrl);
    const popup = await browser.openPopup(pageUrl);

    const candidates = popup.getByTestId('candidate');
    await candidates.first().waitFor();
    const titles = await candidates.locator('[name="title"]').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    expect(titles).toEqual(['Culture and the City: Local Cultural Strategies in Central Europe', 'Measuring Participation in the Arts', 'Festivals and Public Space']);
    expect(await candidates.first().locator('[name="ISBN"]').inputValue()).toBe('978-80-7008-412-0');
    // All are checked at first; the user leaves out the second.
    expect(await candidates.getByTestId('candidate-check').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([true, true, true]);
    await popup.getByTestId('candidates-all').click(); // "Select none"
    expect(await candidates.getByTestId('candidate-check').evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).length)).toBe(0);
    await candidates.nth(0).getByTestId('candidate-check').check();
    await candidates.nth(2).getByTestId('candidate-check').check();
    await screenshot(popup, 'popup-listing');
    await popup.getByTestId('save').click();
    await popup.getByRole('status').filter({ hasText: 'Saved 2' }).waitFor();

    await popup.reload();
    await popup.getByTestId('record').first().waitFor();
    const saved = await popup.getByTestId('record').locator('.record-title').allTextContents();
    expect(saved).toEqual(['Culture and the City: Local Cultural Strategies in Central Europe', 'Festivals and Public Space']);

    // Opened again on the same page: the two saved ones are marked at once (no Save needed) and left unchecked.
    const again = await browser.openPopup(pageUrl);
    const offered = again.getByTestId('candidate');
    await offered.first().waitFor();
    await expect.poll(() => again.getByTestId('duplicate').count()).toBe(2);
    const marked = await offered.evaluateAll((els) => els.map((e) => e.querySelector('[data-testid="duplicate"]')?.textContent ?? ''));
    expect(marked.map((t) => /already in your library/i.test(t))).toEqual([true, false, true]);
    expect(await offered.getByTestId('candidate-check').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([false, true, false]);
    expect(await again.getByTestId('save').textContent()).toBe('Save');
    expect(await seriousViolations(again)).toEqual([]);
  });
});
