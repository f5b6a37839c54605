/**
 * The popup in real Chromium: time to the first library rows (User Timing mark `colophon:first-rows`, set when
 * the newest rows are committed to the DOM) at 10,000 and 100,000 records, and the popup's JavaScript size.
 * Records are imported through the background's `import` message, as the library page does.
 * BENCH_POPUP_SIZES=10000 limits the sizes (100,000 takes minutes to import).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchWithExtension } from '../../tests/e2e/browser';
import { generateItems } from '../../tests/e2e/generate';
import { quantile, round, type BenchContext } from './util';

/**
 * gzip size of the JavaScript popup.html loads: `first` is what the first paint needs (the module script, the app
 * it imports at once, and their static imports), `all` adds every chunk loaded dynamically after that on open
 * (Dexie, zod, the editors). The citation worker is not counted: it loads on export only.
 */
function popupJsGzipKb(dir: string): { first: number; all: number } {
  const html = readFileSync(join(dir, 'popup.html'), 'utf8');
  const closure = (dynamic: 'entry' | 'all') => {
    const seen = new Set<string>();
    const visit = (file: string, entry: boolean) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(join(dir, file), 'utf8');
      const imports = [...code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\.?\/([^"']+\.js)["']/g)].map((m) => m[1]!);
      if (entry || dynamic === 'all') imports.push(...[...code.matchAll(/import\(["']\.\.?\/([^"']+\.js)["']\)/g)].map((m) => m[1]!));
      for (const found of imports) visit(join(file, '..', found).replace(/^\//, ''), false);
    };
    for (const m of html.matchAll(/<script[^>]*src="\/?([^"]+)"/g)) visit(m[1]!, true);
    return round([...seen].reduce((n, f) => n + gzipSync(readFileSync(join(dir, f))).length, 0) / 1024);
  };
  return { first: closure('entry'), all: closure('all') };
}

export async function run({ root, log }: BenchContext): Promise<Record<string, number>> {
  log('building the production and e2e extensions…');
  if (spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' }).status !== 0) throw new Error('wxt build failed');
  if (spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { cwd: root, stdio: 'ignore' }).status !== 0) throw new Error('wxt build failed');
  const js = popupJsGzipKb(join(root, '.output/chrome-mv3'));
  const results: Record<string, number> = { popup_js_gzip_kb: js.all, popup_first_paint_js_gzip_kb: js.first };

  const sizes = (process.env.BENCH_POPUP_SIZES ?? '10000,100000').split(',').map(Number);
  const browser = await launchWithExtension();
  try {
    const page = await browser.context.newPage();
    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
    await page.goto(popupUrl);
    let held = 0;
    for (const size of sizes) {
      log(`importing up to ${size.toLocaleString('en')} records…`);
      const items = generateItems(size - held, `https://bench.example/${size}`);
      for (let i = 0; i < items.length; i += 10_000) {
        await page.evaluate(
          (data) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ name: 'import', data: { items: data } }),
          items.slice(i, i + 10_000),
        );
      }
      held = size;
      const times: number[] = [];
      for (let run = 0; run < 7; run++) {
        await page.goto(popupUrl);
        await page.waitForFunction(() => performance.getEntriesByName('colophon:first-rows').length > 0, undefined, { timeout: 30_000 });
        times.push(await page.evaluate(() => performance.getEntriesByName('colophon:first-rows')[0]!.startTime));
      }
      results[`popup_first_rows_ms_${size >= 1000 ? `${size / 1000}k` : size}`] = round(quantile(times, 0.5));
    }
  } finally {
    await browser.close();
  }
  return results;
}
