/**
 * The popup in real Chromium, at 10,000 and 100,000 records:
 * - first rows: the User Timing mark `colophon:first-rows`, set when the first rows are in the DOM (the preview of
 *   the last opening, painted by the popup's entry script), median of 9 opens; `popup_library_rows_ms` is when the
 *   rows read from the database replace them (`colophon:library-rows`); `popup_blank_page_ms` is the first mark on
 *   a blank page of the extension, the floor here;
 * - search: loading the search table until search is ready, and the p95 of 200 queries typed into the box;
 * - the popup's JavaScript (gzip, production build): what the first paint needs, and all the popup loads on open
 *   (measured: the scripts the page fetched, Dexie only when the database must be created or upgraded);
 * - the duplicate check the popup asks the background for, in a background just started and in a running one.
 * Records (the search benchmark's generator) are imported through the background's `import` message.
 * BENCH_POPUP_SIZES=10000 limits the sizes (100,000 takes minutes to import).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from '../../tests/e2e/browser';
import type { CslItem, LibraryRecord } from '../../lib/model';
import { build } from 'esbuild';
import { formatBibtex, toCslItems } from '../../lib/cite';
import { benchRecords } from './cite';
import { generateItems, generateQueries } from './search';
import { quantile, round, type BenchContext } from './util';

/**
 * gzip size of the JavaScript popup.html needs for its first paint: the module script, the app it imports at once,
 * and their static imports (production build).
 */
function popupJsGzipKb(dir: string): number {
  const html = readFileSync(join(dir, 'popup.html'), 'utf8');
  const seen = new Set<string>();
  const visit = (file: string, entry: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    const imports = [...code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\.?\/([^"']+\.js)["']/g)].map((m) => m[1]!);
    // The entry's dynamic import of the app is part of the first paint; later dynamic imports are not.
    if (entry) imports.push(...[...code.matchAll(/import\(["']\.\.?\/([^"']+\.js)["']\)/g)].map((m) => m[1]!));
    for (const found of imports) visit(join(file, '..', found).replace(/^\//, ''), false);
  };
  for (const m of html.matchAll(/<script[^>]*src="\/?([^"]+)"/g)) visit(m[1]!, true);
  return round([...seen].reduce((n, f) => n + gzipSync(readFileSync(join(dir, f))).length, 0) / 1024);
}

/** gzip size of the production build's files matching scripts a page loaded (by name without the content hash). */
function loadedJsGzipKb(dir: string, paths: readonly string[]): number {
  const files = readdirSync(join(dir, 'chunks')).map((f) => `chunks/${f}`);
  let bytes = 0;
  for (const path of new Set(paths)) {
    const stem = path.replace(/^\//, '').replace(/-[\w-]{8}\.js$/, '');
    const match = files.filter((f) => f.startsWith(`${stem}-`) && /^-[\w-]{8}\.js$/.test(f.slice(stem.length)));
    if (match.length !== 1) throw new Error(`no single production file for ${path}: ${match.join(', ')}`);
    bytes += gzipSync(readFileSync(join(dir, match[0]!))).length;
  }
  return round(bytes / 1024);
}

export async function run({ root, log }: BenchContext): Promise<Record<string, number>> {
  log('building the production and e2e extensions…');
  if (spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' }).status !== 0) throw new Error('wxt build failed');
  if (spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { cwd: root, stdio: 'ignore' }).status !== 0) throw new Error('wxt build failed');
  const production = join(root, '.output/chrome-mv3');
  const results: Record<string, number> = { popup_first_paint_js_gzip_kb: popupJsGzipKb(production) };

  // The floor: a blank page of the same extension whose one-line script sets the mark at once.
  const e2eDir = join(root, '.output/chrome-mv3-e2e');
  writeFileSync(join(e2eDir, 'bench-blank.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/bench-blank.js"></script><div id="app"></div>');
  writeFileSync(join(e2eDir, 'bench-blank.js'), 'document.getElementById("app").textContent = "Colophon"; performance.mark("colophon:first-rows");');

  results.import_bibtex_10k_ms = await importInLibraryPage(log);
  Object.assign(results, await exportApaInWorker(log));

  const sizes = (process.env.BENCH_POPUP_SIZES ?? '10000,100000').split(',').map(Number);
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    const base = `chrome-extension://${browser.extensionId}`;
    /** Median over 9 opens of when a mark was set (the first one: with `also`, the median of that mark too). */
    const firstRows = async (url: string, also?: string) => {
      const times: number[] = [];
      const later: number[] = [];
      for (let run = 0; run < 9; run++) {
        await page.goto(url);
        await page.waitForFunction((marks) => marks.every((m) => performance.getEntriesByName(m).length > 0), ['colophon:first-rows', ...(also ? [also] : [])], { timeout: 30_000 });
        times.push(await page.evaluate(() => performance.getEntriesByName('colophon:first-rows')[0]!.startTime));
        if (also) later.push(await page.evaluate((m) => performance.getEntriesByName(m)[0]!.startTime, also));
      }
      return { first: round(quantile(times, 0.5)), also: later.length ? round(quantile(later, 0.5)) : 0 };
    };
    await page.goto(`${base}/popup.html`);
    results.popup_blank_page_ms = (await firstRows(`${base}/bench-blank.html`)).first;

    // The realistic generator of the search benchmark: tens of thousands of distinct words, tags and notes.
    const all = generateItems(Math.max(...sizes), 5);
    let held = 0;
    for (const size of sizes) {
      const label = size >= 1000 ? `${size / 1000}k` : String(size);
      log(`importing up to ${size.toLocaleString('en')} records…`);
      const entries = all.slice(held, size).map(({ item, tags, note }) => ({ item, provenance: {}, tags, note }));
      for (let i = 0; i < entries.length; i += 5_000) {
        await page.evaluate(
          (data) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ name: 'import', data: { items: data } }),
          entries.slice(i, i + 5_000),
        );
      }
      held = size;
      // The background rebuilds the search pack after an import (lib/library/reader.ts refreshPack); the popup is
      // measured as a user meets it, once that is done: poll until the stored pack holds every record.
      await page.waitForFunction(
        async (want) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const open = indexedDB.open('colophon');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => reject(open.error);
          });
          const rows = await new Promise<number>((resolve) => {
            const get = db.transaction('searchPack').objectStore('searchPack').get('pack');
            get.onsuccess = () => resolve(get.result ? (get.result as { starts: Int32Array }).starts.length - 1 : 0);
            get.onerror = () => resolve(0);
          });
          db.close();
          return rows === want;
        },
        size,
        { timeout: 120_000, polling: 1000 },
      );
      // The first rows on screen (the preview of the last opening, components/preview.ts), and the rows read from
      // the database that replace them.
      const rows = await firstRows(`${base}/popup.html`, 'colophon:library-rows');
      results[`popup_first_rows_ms_${label}`] = rows.first;
      results[`popup_library_rows_ms_${label}`] = rows.also;
      if (size === sizes[0]) {
        // What the popup loads on open, measured: every script the page parsed (DevTools protocol) by the time search
        // is ready and the prefetches are done, each counted at its production build's gzip size (chunk names
        // match; hashes don't). A page of its own, so the debugger never slows the timed ones.
        const probe = await browser.context.newPage();
        const cdp = await browser.context.newCDPSession(probe);
        const scripts = new Set<string>();
        cdp.on('Debugger.scriptParsed', (e: { url: string }) => e.url.startsWith(base) && scripts.add(new URL(e.url).pathname));
        await cdp.send('Debugger.enable');
        await probe.goto(`${base}/popup.html`);
        await probe.waitForFunction(() => performance.getEntriesByName('colophon:search-ready').length > 0, undefined, { timeout: 60_000 });
        await probe.waitForTimeout(1500);
        await probe.close();
        results.popup_js_gzip_kb = loadedJsGzipKb(production, [...scripts].filter((path) => path.endsWith('.js')));
        log(`  the popup loaded: ${[...scripts].join(', ')}`);
      }
      // Search in the popup itself: loading the search table (the stored pack, the blocks changed since, the index)
      // until search is ready, median of 5 opens; then 200 queries typed into the box, each timed around the index's
      // search (User Timing measures set by the library view).
      const ready: number[] = [];
      const readyFromOpen: number[] = [];
      for (let run = 0; run < 5; run++) {
        if (run > 0) await page.goto(`${base}/popup.html`);
        await page.waitForFunction(() => performance.getEntriesByName('colophon:search-ready').length > 0, undefined, { timeout: 60_000 });
        ready.push(await page.evaluate(() => performance.getEntriesByName('colophon:search-ready')[0]!.startTime - performance.getEntriesByName('colophon:search-load')[0]!.startTime));
        // The same end from the popup's opening: the stored pack is read from the first moment (newest.ts), so part
        // of the work is done before `colophon:search-load`; this figure hides none of it.
        readyFromOpen.push(await page.evaluate(() => performance.getEntriesByName('colophon:search-ready')[0]!.startTime));
      }
      results[`popup_search_ready_ms_${label}`] = round(quantile(ready, 0.5));
      results[`popup_search_ready_from_open_ms_${label}`] = round(quantile(readyFromOpen, 0.5));
      const records = all.slice(0, size).map(({ item }) => ({ item }) as LibraryRecord);
      const queries = [...new Set(generateQueries(records, 260, 3))].slice(0, 220);
      const box = page.getByTestId('search');
      for (const [i, q] of queries.entries()) {
        await box.fill(q);
        await page.waitForFunction((n) => performance.getEntriesByName('colophon:search').length >= n, i + 1);
      }
      const times = await page.evaluate(() => performance.getEntriesByName('colophon:search').map((e) => e.duration));
      results[`popup_search_p95_ms_${label}`] = round(quantile(times.slice(20), 0.95)); // the first 20 warm the JIT
      Object.assign(results, await duplicateCheck(browser, page, all[Math.floor(size / 2)]!.item, label));
    }
  } finally {
    await browser.close();
  }
  return results;
}

/**
 * The popup's duplicate check ("already in your library"), as a message to the background: once in a background just
 * started (stopped through the DevTools protocol, as Chromium stops an idle one), where it first reads the library's
 * de-duplication keys, then once more, with the keys in memory. Each the median of 3.
 */
export async function duplicateCheck(browser: ExtensionBrowser, page: Page, item: CslItem, label: string): Promise<Record<string, number>> {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const check = () =>
    page.evaluate(async (item) => {
      const start = performance.now();
      const reply = (await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        name: 'findDuplicates',
        data: { candidates: [{ item, provenance: {} }] },
      })) as { ok?: boolean; data?: { duplicates: unknown[] } };
      if (!reply.data?.duplicates.length) throw new Error(`the duplicate check found nothing: ${JSON.stringify(reply).slice(0, 300)}`);
      return performance.now() - start;
    }, item);
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < 3; run++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    cold.push(await check());
    warm.push(await check());
  }
  await cdp.detach();
  return { [`duplicate_check_cold_ms_${label}`]: round(quantile(cold, 0.5)), [`duplicate_check_ms_${label}`]: round(quantile(warm, 0.5)) };
}

/**
 * A 10,000-entry BibTeX file imported as a user does it: chosen on the library page, read by the import worker
 * and handed over in chunks as it goes, saved by the background in chunks (validation, de-duplication, records,
 * search and key blocks, strict durability), until the report shows. An empty library in a fresh browser profile
 * each time; the median of `runs` (one import varies by a fifth here). Timed by the page's own marks, from the file
 * in hand to the report painted: handing a 3 MB file to the page through the test driver (`setInputFiles`) takes
 * 2 s here, which a user choosing a file never waits for.
 */
export async function importInLibraryPage(log: (line: string) => void, runs = 3): Promise<number> {
  log(`importing a 10,000-entry BibTeX file on the library page (${runs} times)…`);
  const bib = Buffer.from(formatBibtex(benchRecords(10_000)), 'utf8');
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await importOnce(bib));
  log(`  ${times.map((t) => Math.round(t)).join(', ')} ms`);
  return round(quantile(times, 0.5));
}

async function importOnce(bib: Buffer): Promise<number> {
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await page.getByTestId('import-file').setInputFiles({ name: 'bench.bib', mimeType: 'application/x-bibtex', buffer: bib });
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 300_000 });
    const text = (await report.textContent()) ?? '';
    if (!text.includes('imported 10,000')) throw new Error(`the import reported: ${text}`);
    await page.waitForFunction(() => performance.getEntriesByName('colophon:import-done').length > 0);
    return await page.evaluate(() => performance.measure('import', 'colophon:import-start', 'colophon:import-done').duration);
  } finally {
    await browser.close();
  }
}

/**
 * APA for 1,000 records in the extension's own citation worker, in Chromium (the target is set there): the
 * page posts the job the export dialog posts and waits for the reply. The first job builds the style's engine; the
 * figures are the median of 3 later jobs, text alone (Download: `export_apa_1k_ms`) and text and HTML (Copy).
 * The worker formats a long bibliography in parts, one worker per core (up to 4): `export_apa_1k_parts` says how
 * many it used here.
 *
 * Beside it, alternated with its jobs in the same page, the yardstick: citation-js's own
 * `new Cite(items).format('bibliography')` in a worker of its own (`citation_js_apa_1k_chromium_ms`; the issue sets
 * 1,000 ms where that took 1,353 ms on its machine). Bundled here into the e2e build's folder, not the extension.
 */
export async function exportApaInWorker(log: (line: string) => void): Promise<Record<string, number>> {
  log('APA for 1,000 records in the citation worker, Chromium…');
  const worker = readdirSync(join(EXTENSION_DIR, 'assets')).find((f) => /^cite-worker.*\.js$/.test(f));
  if (!worker) throw new Error('no cite-worker in the e2e build');
  const offline = join(import.meta.dirname, '../../lib/cite/offline-fetch.ts');
  await build({
    entryPoints: [join(import.meta.dirname, 'chromium/citation-js-worker.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: join(EXTENSION_DIR, 'bench-citation-js.js'),
    alias: { 'node-fetch': offline, 'sync-fetch': offline }, // as the extension's build does (wxt.config.ts)
    logLevel: 'warning',
  });
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    // One job per evaluate (tsx names inner functions with a helper the page does not have).
    await page.evaluate((url) => Object.assign(globalThis, { citeWorker: new Worker(url) }), `/assets/${worker}`);
    const records = benchRecords(1000);
    const job = (html: boolean) =>
      page.evaluate(
        ({ records, html }) =>
          new Promise<[number, number, number]>((resolve, reject) => {
            const w = (globalThis as unknown as { citeWorker: Worker }).citeWorker;
            const start = performance.now();
            w.onmessage = (e: MessageEvent<{ ok?: boolean; error?: string; parts?: number; helped?: number }>) => {
              if (e.data.ok) resolve([performance.now() - start, e.data.parts ?? 1, e.data.helped ?? 0]);
              else if (e.data.ok === false) reject(new Error(e.data.error));
            };
            w.postMessage({ kind: 'export', records, format: 'bibliography', style: 'apa', html });
          }),
        { records, html },
      );
    await page.evaluate(() => Object.assign(globalThis, { citationJs: new Worker('/bench-citation-js.js') }));
    const items = toCslItems(records);
    const citationJs = () =>
      page.evaluate(
        (items) =>
          new Promise<number>((resolve, reject) => {
            const w = (globalThis as unknown as { citationJs: Worker }).citationJs;
            const start = performance.now();
            w.onmessage = (e: MessageEvent<{ length: number }>) => (e.data.length > 0 ? resolve(performance.now() - start) : reject(new Error('citation-js gave nothing')));
            w.onerror = (e) => reject(new Error(e.message));
            w.postMessage({ items });
          }),
        items,
      );
    const [, parts, helped] = await job(true); // builds the engines (one per worker formatting a part)
    await citationJs(); // builds its engine
    log(`  formatted in ${parts} part(s), ${helped} of them by helpers (${await page.evaluate(() => navigator.hardwareConcurrency)} cores)`);
    const times = { both: [] as number[], text: [] as number[], citationJs: [] as number[] };
    for (let i = 0; i < 3; i++) {
      times.both.push((await job(true))[0]);
      times.text.push((await job(false))[0]);
      times.citationJs.push(await citationJs());
    }
    log(`  text ${times.text.map(Math.round).join(', ')}; citation-js ${times.citationJs.map(Math.round).join(', ')} ms`);
    return {
      // One output, as citeproc through citation-js gives (the comparison): what a download asks for.
      export_apa_1k_ms: round(quantile(times.text, 0.5)),
      export_apa_1k_copy_ms: round(quantile(times.both, 0.5)),
      export_apa_1k_parts: parts,
      citation_js_apa_1k_chromium_ms: round(quantile(times.citationJs, 0.5)),
    };
  } finally {
    await browser.close();
  }
}
