/**
 * The library page in real Chromium: a BibTeX file with a broken entry is imported by file picker; the valid
 * entries arrive, the broken one is reported with its line, and importing the same file again adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './a11y';
import { launchWithExtension, type ExtensionBrowser } from './browser';
import { screenshot } from './screenshots';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

const BIB = `@techreport{eurocities2017cities,
  author = {{EUROCITIES}},
  title = {Cities' External Cultural Relations: Trends and Actions},
  institution = {EUROCITIES},
  address = {Brussels},
  year = {2017},
  pagetotal = {26},
}

@book{broken,
  title = {Unbalanced {braces,
  year = {2004},

@book{svob2004kulturna,
  author = {{\\v S}vob-{\\DJ}oki{\\'c}, Nada},
  title = {Kulturna politika i razvoj},
  publisher = {Institut za me{\\dj}unarodne odnose},
  address = {Zagreb},
  year = {2004},
}
`;

describe('import on the library page', () => {
  it('imports the valid entries, reports the broken one by line, and skips them on a second import', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const file = { name: 'mine.bib', mimeType: 'application/x-bibtex', buffer: Buffer.from(BIB, 'utf8') };

    await page.getByTestId('import-file').setInputFiles(file);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('imported 2');
    expect(await page.getByTestId('import-problems').textContent()).toMatch(/line 1[0-3]: /);
    await expect.poll(() => page.getByTestId('count').textContent()).toBe('2');
    const titles = await page.getByTestId('record').locator('.record-title').allTextContents();
    expect(titles.sort()).toEqual(["Cities' External Cultural Relations: Trends and Actions", 'Kulturna politika i razvoj']);
    await page.getByTestId('search').fill('svob dokic');
    await expect.poll(() => page.getByTestId('count').textContent()).toBe('1 of 2');
    await screenshot(page, 'library-page-import', { docs: false });
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('import-file').setInputFiles(file);
    await expect.poll(() => report.textContent()).toContain('imported 0, 2 already in your library');
  });

  it('imports a file dropped on the panel, decoding Windows-1252', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    // A RIS file as an old Windows reference manager writes it: Windows-1252, CRLF line ends; its second entry's type
    // is none RIS knows, so it is read as a document, with a note.
    const ris = [
      ...['TY  - RPRT', 'AU  - Müller, Jürgen', 'TI  - Städte und Kultur: Förderung à la carte', 'PB  - Institut für Kulturpolitik', 'CY  - Bonn', 'PY  - 2011', 'ER  - '],
      ...['TY  - SCRL', 'TI  - Kulturförderung in Nordrhein-Westfalen', 'PY  - 2012', 'ER  - ', ''],
    ].join('\r\n');
    const bytes = [...ris].map((c) => ({ ü: 0xfc, ä: 0xe4, ö: 0xf6, à: 0xe0 })[c as 'ü'] ?? c.charCodeAt(0));
    // What the browser hands the page when a user drops a file: a drop event whose DataTransfer holds it.
    const drop = await page.evaluateHandle((data) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], 'legacy.ris', { type: 'application/x-research-info-systems' }));
      return transfer;
    }, bytes);
    const panel = page.getByTestId('import-panel');
    await panel.dispatchEvent('dragover', { dataTransfer: drop });
    await panel.dispatchEvent('drop', { dataTransfer: drop });
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toContain('imported 2');
    const notes = page.getByTestId('import-notes');
    expect(await notes.locator('summary').textContent()).toBe('1 entry was read with a note');
    expect(await notes.locator('li').allTextContents()).toEqual(['line 8: unknown RIS type "SCRL" read as a document']);
    await page.getByTestId('search').fill('förderung muller');
    await expect.poll(() => page.getByTestId('record').first().textContent()).toContain('Städte und Kultur: Förderung à la carte');
  });

  it('reports an entry the background refuses with its line, and imports the rest', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    // Well-formed JSON, but the second item's type is no CSL type: the reader passes it on, the background refuses it.
    const json = JSON.stringify([{ type: 'report', title: 'Culture counts' }, { type: 'scroll', title: 'Not a type' }, { type: 'book', title: 'Kept too' }], null, 2);
    await page.getByTestId('import-file').setInputFiles({ name: 'items.json', mimeType: 'application/json', buffer: Buffer.from(json, 'utf8') });
    const report = page.getByTestId('import-report');
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toContain('imported 2');
    expect(await report.textContent()).toContain('1 could not be read');
    expect(await page.getByTestId('import-problems').textContent()).toMatch(/^line 6: type: /);
  });

  it('writes no part of a file after a part the background refused', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    // Two parts of one file as the library page sends them (JSON text under one import id); the first is malformed.
    const replies = await page.evaluate(async () => {
      const send = (data: unknown) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ name: 'import', data });
      const importId = 'refused-part-test';
      const first = send({ items: '[{"type": "book", "title": "Cut', importId, offset: 0, total: 2 });
      const second = send({ items: JSON.stringify([{ type: 'book', title: 'After a refused part' }]), importId, offset: 1, total: 2 });
      return Promise.all([first, second]);
    });
    expect(replies[0]).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(replies[1]).toMatchObject({ ok: true, data: { added: 0, error: expect.stringContaining('earlier part') } });
    await page.getByTestId('search').fill('after a refused part');
    await expect.poll(() => page.getByTestId('count').textContent()).toMatch(/^0\b|^No /);
  });
});
