import { createContext, type ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { keepThemeCopy, localStore } from './preview';

/** Reading, saving and watching the user's settings, and the optional permission automatic detection needs. */
export interface SettingsServices {
  load(): Promise<Settings>;
  save(change: Partial<Settings>): Promise<Settings>;
  /** Calls `listener` when the settings change in any page; returns the unsubscribe. */
  subscribe(listener: (settings: Settings) => void): () => void;
  /** Shows the browser's permission prompt: call it straight from a click, before any `await`. */
  requestAllPages(): Promise<boolean>;
  hasAllPages(): Promise<boolean>;
  dropAllPages(): Promise<boolean>;
}

/** The settings as last read (defaults until then): the export dialog starts on their format and style. */
export const SettingsContext = createContext<Settings>({ ...DEFAULT_SETTINGS });

/** Puts the theme on `<html data-theme>`; `system` leaves it to the system's light/dark preference. */
export function applyTheme(theme: Settings['theme'], root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  // The popup's entry script paints the preview in this theme before the settings are read.
  const storage = localStore();
  if (storage) keepThemeCopy(storage, theme);
}

/** Loads the settings, keeps them current when another page changes them, applies the theme, and provides them. */
export function SettingsProvider({ services, children }: { services: SettingsServices; children: ComponentChildren }) {
  const [settings, setSettings] = useState<Settings>({ ...DEFAULT_SETTINGS });
  // The theme is applied once the settings are read: the defaults must not undo a theme the page already set.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    services.load().then(
      (s) => live && (setSettings(s), setLoaded(true)),
      () => live && setLoaded(true), // defaults stand
    );
    const unsubscribe = services.subscribe(setSettings);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [services]);
  useEffect(() => {
    if (loaded) applyTheme(settings.theme);
  }, [loaded, settings.theme]);
  return <SettingsContext.Provider value={settings}>{children}</SettingsContext.Provider>;
}
