/**
 * The built citation worker in real Chromium: a long bibliography is formatted in parts by copies of the worker
 * (nested workers, one per core up to 4), and the joined result is the bibliography formatted whole in Node.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBibliographyTextAndHtml } from '../../lib/cite';
import { benchRecords } from '../../scripts/bench/cite';
import { EXTENSION_DIR, launchWithExtension, type ExtensionBrowser } from './browser';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

describe('the citation worker', () => {
  it('formats a long bibliography in parts, side by side, as the whole would be', { timeout: 120_000 }, async () => {
    const file = readdirSync(join(EXTENSION_DIR, 'assets')).find((f) => /^cite-worker.*\.js$/.test(f))!;
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const records = benchRecords(300);
    const reply = await page.evaluate(
      ({ url, records }) =>
        new Promise<{ ok: boolean; text: string; html: string; parts: number; helped: number; error?: string; cores: number }>((resolve) => {
          const worker = new Worker(url);
          worker.onmessage = (e: MessageEvent<{ ok?: boolean; progress?: unknown; text: string; html: string; parts: number; helped: number }>) => {
            if (e.data.progress) return;
            resolve({ ...(e.data as { ok: boolean; text: string; html: string; parts: number; helped: number }), cores: navigator.hardwareConcurrency });
          };
          worker.postMessage({ kind: 'export', records, format: 'bibliography', style: 'apa' });
        }),
      { url: `/assets/${file}`, records },
    );
    expect(reply.ok).toBe(true);
    expect(reply.parts).toBe(Math.min(4, Math.max(1, reply.cores)));
    expect(reply.helped).toBe(reply.parts - 1); // the nested workers really started and answered
    const whole = formatBibliographyTextAndHtml(records, { style: 'apa' });
    expect(reply.text).toBe(whole.text);
    expect(reply.html).toBe(whole.html);
  });
});
