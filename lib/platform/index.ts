/**
 * The few wrappers over `browser.*` and page-level web APIs that the rest of the code calls (STYLE.md 2).
 * Nothing here knows about publications; it moves data in and out of the browser.
 */
import { browser } from 'wxt/browser';

/** The path of the runtime-registered extraction content script in the built extension. */
export const EXTRACT_SCRIPT = '/content-scripts/extract.js';

/** The id of the tab the user is looking at, or undefined when there is none (e.g. a devtools window). */
export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The id of the first tab whose URL is `url` (e2e builds only: they name their target tab). */
export async function tabIdByUrl(url: string): Promise<number | undefined> {
  const tabs = await browser.tabs.query({});
  return tabs.find((t) => t.url === url)?.id;
}

/**
 * Runs the extractor in the tab's top frame, in the isolated world, and returns its raw (untrusted) result.
 * Throws a readable error where the browser forbids scripts (browser pages, the web store, PDFs).
 */
export async function runExtractor(tabId: number): Promise<unknown> {
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: [EXTRACT_SCRIPT] });
    return injection?.result;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Colophon cannot read this page (${reason}).`);
  }
}

/** Asks the browser not to evict the library under storage pressure; resolves to whether it agreed. */
export async function requestPersistentStorage(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}

/** Puts text on the clipboard (called from a click, so the popup has the user's gesture). */
export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

/** Saves text as a file through the page's own download flow: no `downloads` permission needed. */
export function downloadText(filename: string, text: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Puts HTML and its plain-text twin on the clipboard, so a word processor keeps italics and a text field gets text. */
export async function copyRich(html: string, text: string): Promise<void> {
  await navigator.clipboard.write([
    new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) }),
  ]);
}

/** Shows on the toolbar button how many publications were found in a tab (empty when none). */
export async function showFoundCount(tabId: number, count: number): Promise<void> {
  await browser.action.setBadgeText({ tabId, text: count > 0 ? String(Math.min(count, 999)) : '' });
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#2b5fd9' });
}
