/**
 * Extraction speed: per corpus page in Node (linkedom) and in real Chromium, running the built content script
 * in the page exactly as `scripting.executeScript` does (its completion value is the result); and generated
 * 2 MB and 10 MB pages in both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { chromium } from 'playwright-core';
import { extractPage } from '../../lib/extract';
import { serveStatic } from '../serve-static.mjs';
import { generatePage } from './pages';
import { CHROMIUM_ARGS, CHROMIUM_PATH, quantile, round, type BenchContext } from './util';

export async function run({ root, log }: BenchContext): Promise<Record<string, number>> {
  const corpusDir = join(root, '../shared/corpus');
  const contentScript = join(root, '.output/chrome-mv3/content-scripts/extract.js');
  const results: Record<string, number> = {};
  interface Page {
    name: string;
    url: string;
    html: string;
  }
  const corpus: Page[] = readdirSync(corpusDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(corpusDir, d.name, 'page.html')))
    .map((d) => ({
      name: d.name,
      url: (JSON.parse(readFileSync(join(corpusDir, d.name, 'case.json'), 'utf8')) as { url: string }).url,
      html: readFileSync(join(corpusDir, d.name, 'page.html'), 'utf8'),
    }));
  const big = { '2mb': generatePage(2 << 20), '10mb': generatePage(10 << 20) };

  function nodeTime(html: string, url: string, runs: number): number {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const { document } = parseHTML(html);
      const t = performance.now();
      extractPage(document as unknown as Document, url);
      times.push(performance.now() - t);
    }
    return quantile(times, 0.5);
  }


  log(`Node (linkedom), ${corpus.length} corpus pages…`);
  const nodeTimes = corpus.map((p) => nodeTime(p.html, p.url, 5));
  results.extract_node_median_ms = round(quantile(nodeTimes, 0.5));
  results.extract_node_p95_ms = round(quantile(nodeTimes, 0.95));
  results.extract_node_2mb_ms = round(nodeTime(big['2mb'], 'http://127.0.0.1/big.html', 2));
  results.extract_node_10mb_ms = round(nodeTime(big['10mb'], 'http://127.0.0.1/big.html', 1));

  // Always measure the current code: a stale build would time yesterday's extractor.
  log('building the extension for the in-page benchmark…');
  if (spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' }).status !== 0) throw new Error('wxt build failed');
  const script = readFileSync(contentScript, 'utf8');
  const site = mkdtempSync(join(tmpdir(), 'colophon-bench-'));
  corpus.forEach((p) => writeFileSync(join(site, `${p.name}.html`), p.html));
  writeFileSync(join(site, '2mb.html'), big['2mb']);
  writeFileSync(join(site, '10mb.html'), big['10mb']);
  const server = await serveStatic(site);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  // The built content script, evaluated in the page: its completion value is what executeScript returns.
  async function chromiumTime(file: string, runs: number): Promise<number> {
    await page.goto(`${server.url}/${file}`, { waitUntil: 'load' });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      times.push(
        await page.evaluate((src) => {
          const t = performance.now();
          (0, eval)(src);
          return performance.now() - t;
        }, script),
      );
    }
    return quantile(times, 0.5);
  }
  log('Chromium, in the page…');
  const chromiumTimes: number[] = [];
  for (const p of corpus) chromiumTimes.push(await chromiumTime(`${p.name}.html`, 3));
  results.extract_chromium_median_ms = round(quantile(chromiumTimes, 0.5));
  results.extract_chromium_p95_ms = round(quantile(chromiumTimes, 0.95));
  results.extract_2mb_ms = round(await chromiumTime('2mb.html', 2));
  results.extract_10mb_ms = round(await chromiumTime('10mb.html', 1));
  await browser.close();
  await server.close();
  rmSync(site, { recursive: true, force: true });

  return results;
}
