/**
 * The few wrappers over `browser.*` and page-level web APIs that the rest of the code calls (STYLE.md 2).
 * Nothing here knows about publications; it moves data in and out of the browser.
 */
import { browser } from 'wxt/browser';
import { SETTINGS_KEY, THEMES, type Theme } from '../settings';

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
  await setBadge(tabId, count > 0 ? String(Math.min(count, 999)) : '', '#2b5fd9');
}

// ——— the toolbar button ———

type ActionApi = NonNullable<typeof browser.action>;

/** The toolbar button's API: `action` in Manifest V3, `browserAction` in Firefox's Manifest V2 build. */
function toolbarButton(): ActionApi | undefined {
  const legacy = (browser as unknown as { browserAction?: ActionApi }).browserAction;
  return browser.action ?? legacy;
}

/**
 * Shows a short text on a tab's toolbar button (every tab's when `tabId` is undefined), with its colour and the
 * button's tooltip; without `title` the tooltip goes back to the manifest's. Empty text clears the badge.
 */
export async function setBadge(tabId: number | undefined, text: string, color: string, title?: string): Promise<void> {
  const button = toolbarButton();
  if (!button) return;
  const where = tabId === undefined ? {} : { tabId };
  await button.setBadgeText({ ...where, text });
  if (text) await button.setBadgeBackgroundColor({ ...where, color });
  const manifest = browser.runtime.getManifest() as { action?: { default_title?: string }; browser_action?: { default_title?: string } };
  await button.setTitle({ ...where, title: title ?? manifest.action?.default_title ?? manifest.browser_action?.default_title ?? 'Colophon' });
}

/**
 * Opens the popup (Chrome 127+, Firefox inside a user action). Call it before any `await` in a click handler:
 * Firefox forgets the user action at the first one. Where the browser refuses, opens the popup page in a small
 * window naming the tab to read. Resolves to how it was shown.
 */
export function openPopupOrWindow(tabId: number): Promise<'popup' | 'window'> {
  const fallback = async () => {
    await browser.windows.create({ url: browser.runtime.getURL(`/popup.html?tab=${tabId}`), type: 'popup', width: 440, height: 640 });
    return 'window' as const;
  };
  try {
    const opened = toolbarButton()?.openPopup?.();
    return opened ? opened.then(() => 'popup' as const, fallback) : fallback();
  } catch {
    return fallback();
  }
}

// ——— context menu and shortcuts ———

/** Adds a context-menu item; one already there under the same id is replaced, not duplicated. */
export async function addContextMenuItem(id: string, title: string, contexts: ['selection']): Promise<void> {
  await new Promise<void>((resolve) => browser.contextMenus.remove(id, () => (void browser.runtime.lastError, resolve())));
  browser.contextMenus.create({ id, title, contexts });
}

/** What a context-menu click gives the background. */
export interface MenuClick {
  menuItemId: string | number;
  selectionText?: string | undefined;
  frameId?: number | undefined;
}

/** Calls `listener` on clicks on the extension's context-menu items; returns the unsubscribe. */
export function onContextMenuClick(listener: (info: MenuClick, tabId: number | undefined) => void): () => void {
  const wrapped = (info: MenuClick, tab?: { id?: number }) => listener(info, tab?.id);
  browser.contextMenus.onClicked.addListener(wrapped);
  return () => browser.contextMenus.onClicked.removeListener(wrapped);
}

/** Calls `listener` when one of the manifest's keyboard commands is pressed, with the tab it was pressed on. */
export function onCommand(listener: (command: string, tabId: number | undefined) => void): () => void {
  const wrapped = (command: string, tab?: { id?: number }) => listener(command, tab?.id);
  browser.commands.onCommand.addListener(wrapped);
  return () => browser.commands.onCommand.removeListener(wrapped);
}

// ——— the selection ———

/**
 * The selected text of a tab's frame with its line breaks (the context menu's `selectionText` has none), and
 * the page's context: address, site name (og:site_name, else the host), language and title. Untrusted: the
 * caller parses it.
 */
export async function readSelection(tabId: number, frameId?: number): Promise<unknown> {
  try {
    const [injection] = await browser.scripting.executeScript({
      target: frameId ? { tabId, frameIds: [frameId] } : { tabId },
      func: () => {
        const site = document.querySelector('meta[property="og:site_name"], meta[name="og:site_name"]')?.getAttribute('content')?.trim();
        return {
          text: globalThis.getSelection()?.toString() ?? '',
          url: location.href,
          siteName: site || location.hostname.replace(/^www\./, ''),
          language: document.documentElement.lang || undefined,
          title: document.title,
        };
      },
    });
    return injection?.result;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Colophon cannot read the selection on this page (${reason}).`);
  }
}

/** A tab's address (for context when the page itself cannot be read). */
export async function tabUrl(tabId: number): Promise<string | undefined> {
  return (await browser.tabs.get(tabId)).url;
}

// ——— storage ———

/**
 * The theme the user chose, read without the settings schema (so without zod) for the popup's first paint, so
 * that it never shows the other theme first; anything unexpected reads as `system`.
 */
export async function storedTheme(): Promise<Theme> {
  const raw: unknown = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  const theme = raw && typeof raw === 'object' ? (raw as { theme?: unknown }).theme : undefined;
  return THEMES.find((t) => t === theme) ?? 'system';
}

/** A value kept for this browser session only (`storage.session`: memory, cleared when the browser quits). */
export async function sessionGet(key: string): Promise<unknown> {
  return (await browser.storage.session.get(key))[key];
}
export async function sessionSet(key: string, value: unknown): Promise<void> {
  await browser.storage.session.set({ [key]: value });
}
export async function sessionRemove(key: string): Promise<void> {
  await browser.storage.session.remove(key);
}

// ——— automatic detection ———

/** The optional permission automatic detection needs: reading any page as it loads. */
const ALL_PAGES = { origins: ['<all_urls>'] };

/**
 * Asks the user for the permission to read every page. Must be called straight from a click handler, before
 * any `await`: browsers only show the prompt during a user action. Resolves to whether it was granted.
 */
export function requestAllPagesPermission(): Promise<boolean> {
  return browser.permissions.request(ALL_PAGES);
}

/** Whether the user has granted the permission to read every page (they may revoke it at any time). */
export function hasAllPagesPermission(): Promise<boolean> {
  return browser.permissions.contains(ALL_PAGES);
}

/** Gives back the permission to read every page (when automatic detection is turned off). */
export function dropAllPagesPermission(): Promise<boolean> {
  return browser.permissions.remove(ALL_PAGES);
}

/** Calls `listener` with a tab's id and address each time a page finishes loading in it; returns the unsubscribe. */
export function onPageLoaded(listener: (tabId: number, url: string) => void): () => void {
  const wrapped = (tabId: number, change: { status?: string }, tab: { url?: string }) => {
    if (change.status === 'complete' && tab.url) listener(tabId, tab.url);
  };
  browser.tabs.onUpdated.addListener(wrapped);
  return () => browser.tabs.onUpdated.removeListener(wrapped);
}

/** Calls `listener` when a tab navigates to another address or closes (a pending selection no longer applies). */
export function onTabLeft(listener: (tabId: number) => void): () => void {
  const updated = (tabId: number, change: { url?: string }) => {
    if (change.url) listener(tabId);
  };
  const removed = (tabId: number) => listener(tabId);
  browser.tabs.onUpdated.addListener(updated);
  browser.tabs.onRemoved.addListener(removed);
  return () => {
    browser.tabs.onUpdated.removeListener(updated);
    browser.tabs.onRemoved.removeListener(removed);
  };
}
