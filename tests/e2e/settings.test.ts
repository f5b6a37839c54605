/**
 * Settings on the library page, in real Chromium: the default export format and citation style carry over to
 * the export dialog (library page and popup), the theme is applied and kept, and automatic detection is off by
 * default. The browser's permission prompt (turning automatic detection on) cannot be clicked headless; what is
 * checked instead is that a stored "on" without the permission is shown as paused, never silently ignored.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './a11y';
import { launchWithExtension, type ExtensionBrowser } from './browser';

const OUT = resolve(import.meta.dirname, '../../test-results/e2e');
let browser: ExtensionBrowser;
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

describe('settings', () => {
  it('sets what the export dialog starts on, and the theme', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 }); // the library page is a browser tab, not a popup
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    // One record, so that Export… is offered (imported through the message the library page itself uses).
    const outcome = await page.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        name: 'import',
        data: { items: [{ type: 'report', title: 'Cultural Policy in Europe', publisher: 'Council of Europe', issued: { 'date-parts': [[2007]] } }] },
      }),
    );
    expect(outcome).toMatchObject({ ok: true, data: { added: 1 } });
    await page.reload();
    await page.getByTestId('export-open').waitFor();
    const exportDefault = page.getByTestId('settings-export-format');
    expect(await exportDefault.inputValue()).toBe('bibtex');
    expect(await page.getByTestId('settings-auto-detect').isChecked()).toBe(false);

    // A file format: the dialog opens on it.
    await exportDefault.selectOption('ris');
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.getByTestId('export-open').click();
    expect(await page.getByTestId('export-format').inputValue()).toBe('ris');
    await page.getByTestId('export-open').click(); // closes it

    // A bibliography in a style: the dialog opens on that style, on this page and in the popup.
    await exportDefault.selectOption('bibliography');
    await page.getByLabel('Citation style').selectOption('mla');
    await expect.poll(() => page.evaluate(() => document.querySelector('[role="status"]')?.textContent)).toBe('Saved.');
    await page.getByTestId('export-open').click();
    expect(await page.getByTestId('export-format').inputValue()).toBe('bibliography:mla');
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?target=${encodeURIComponent('http://127.0.0.1/none')}`);
    await popup.getByTestId('record').first().waitFor();
    await popup.getByTestId('export-open').click();
    expect(await popup.getByTestId('export-format').inputValue()).toBe('bibliography:mla');

    // The theme: an explicit choice overrides the system's, and is kept.
    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => popup.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(28, 28, 31)');
    expect(await page.getByTestId('settings-export-format').inputValue()).toBe('bibliography');
    await page.screenshot({ path: resolve(OUT, 'library-settings.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Theme').selectOption('system');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
  });

  it('shows automatic detection as paused when it is on without the permission', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.getByTestId('settings-auto-detect').waitFor();
    // As if turned on earlier and the permission then revoked in the browser's settings (stored values are
    // parsed: a junk field next to it is ignored).
    const worker = browser.context.serviceWorkers()[0]!;
    await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome;
      await api.storage.local.set({ settings: { autoDetect: true, theme: 'purple' } });
    });
    await page.getByRole('alert').filter({ hasText: 'automatic detection is paused' }).waitFor();
    expect(await page.getByTestId('settings-auto-detect').isChecked()).toBe(true);
    expect(await page.getByTestId('settings-theme').inputValue()).toBe('system');
  });
});
