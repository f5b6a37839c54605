/**
 * The settings in `storage.local`, read through their zod schema. Apart from index.ts so that the popup's first
 * paint, which needs the tab wrappers, does not carry zod: the popup loads this after its first rows.
 */
import { browser } from 'wxt/browser';
import { SETTINGS_KEY, type Settings } from '../settings';
import { parseSettings } from '../settings-schema';

/** The user's settings from `storage.local`; bad or missing values come back as their defaults. */
export async function loadSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

/** Saves a change to the settings; resolves to the settings now stored. */
let saving: Promise<unknown> = Promise.resolve();
export function saveSettings(change: Partial<Settings>): Promise<Settings> {
  // One save at a time in this page: two quick changes (theme, then style) must not read the same old settings
  // and the second overwrite the first.
  const done = saving.then(async () => {
    const next = parseSettings({ ...(await loadSettings()), ...change });
    await browser.storage.local.set({ [SETTINGS_KEY]: next });
    return next;
  });
  saving = done.catch(() => undefined);
  return done;
}

/** Calls `listener` with the new settings whenever they change (in any page); returns the unsubscribe. */
export function onSettingsChanged(listener: (settings: Settings) => void): () => void {
  const wrapped = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) listener(parseSettings(changes[SETTINGS_KEY]!.newValue));
  };
  browser.storage.onChanged.addListener(wrapped);
  return () => browser.storage.onChanged.removeListener(wrapped);
}
