/**
 * Screenshots taken by the e2e tests. Each lands in test-results/e2e/ on every run; with UPDATE_SCREENSHOTS=1
 * (`npm run screenshots`) it is also written to docs/screenshots/, the committed copies the README shows, so an
 * ordinary `npm test` never changes the working tree.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';

export const OUT = resolve(import.meta.dirname, '../../test-results/e2e');
const DOCS = resolve(import.meta.dirname, '../../docs/screenshots');

/** Saves `name`.png of the page (the whole page unless `fullPage` is false), in the light theme unless `colorScheme` says dark; `docs: false` keeps it out of docs/. */
export async function screenshot(
  page: Page,
  name: string,
  { fullPage = true, docs = true, colorScheme = 'light' }: { fullPage?: boolean; docs?: boolean; colorScheme?: 'light' | 'dark' } = {},
): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  // Light theme unless asked otherwise, whatever the machine prefers; the page's own CSS decides the rest.
  await page.emulateMedia({ colorScheme });
  const image = await page.screenshot({ path: resolve(OUT, `${name}.png`), fullPage, animations: 'disabled', caret: 'hide' });
  if (docs && process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(DOCS, { recursive: true });
    writeFileSync(resolve(DOCS, `${name}.png`), image);
  }
}
