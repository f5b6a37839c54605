import { useContext, useEffect, useState } from 'preact/hooks';
import { FILE_FORMAT_CHOICES, STYLE_CHOICES } from '@/lib/cite/catalog';
import type { Settings } from '@/lib/settings';
import { parseSettings } from '@/lib/settings-schema';
import { SettingsContext, type SettingsServices } from './settings-context';

const BIBLIOGRAPHY = 'bibliography';
const THEME_LABELS: Record<Settings['theme'], string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

/**
 * The settings of the library page: what Export… starts on, the theme, and automatic detection (off by default;
 * turning it on asks the browser for the permission to read every page, at that click).
 */
export function SettingsPanel({ services }: { services: SettingsServices }) {
  const settings = useContext(SettingsContext);
  const [status, setStatus] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [granted, setGranted] = useState<boolean | null>(null);

  useEffect(() => {
    services.hasAllPages().then(setGranted, () => setGranted(null));
  }, [services, settings.autoDetect]);

  const change = async (patch: Partial<Settings>, done = 'Saved.') => {
    try {
      await services.save(patch);
      setStatus({ kind: 'info', text: done });
    } catch (error) {
      setStatus({ kind: 'error', text: `The setting could not be saved (${error instanceof Error ? error.message : String(error)}).` });
    }
  };

  const onAutoDetect = (on: boolean) => {
    if (!on) {
      void change({ autoDetect: false }, 'Automatic detection is off: Colophon reads a page only when you click it.');
      void services.dropAllPages().catch(() => false);
      return;
    }
    // First, before any await: the browser shows its prompt only during the click.
    services.requestAllPages().then(
      (ok) => {
        setGranted(ok);
        if (ok) void change({ autoDetect: true }, 'Automatic detection is on: the toolbar badge counts the publications on each page you open.');
        else setStatus({ kind: 'error', text: 'The browser did not grant the permission to read pages, so automatic detection stays off.' });
      },
      (error: unknown) => setStatus({ kind: 'error', text: `The browser refused the permission request (${error instanceof Error ? error.message : String(error)}).` }),
    );
  };

  const exportValue = settings.exportKind === 'bibliography' ? BIBLIOGRAPHY : settings.exportFormat;
  return (
    <section class="settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <div class="row">
        <label for="settings-export">Export starts on</label>
        <select
          id="settings-export"
          data-testid="settings-export-format"
          value={exportValue}
          onChange={(e) => {
            const value = e.currentTarget.value;
            void change(value === BIBLIOGRAPHY ? { exportKind: 'bibliography' } : { exportKind: 'file', exportFormat: parseSettings({ exportFormat: value }).exportFormat });
          }}
        >
          {FILE_FORMAT_CHOICES.map((c) => (
            <option key={c.format} value={c.format}>
              {c.label}
            </option>
          ))}
          <option value={BIBLIOGRAPHY}>Bibliography in the citation style below</option>
        </select>
      </div>
      <div class="row">
        <label for="settings-style">Citation style</label>
        <select id="settings-style" data-testid="settings-style" value={settings.citationStyle} onChange={(e) => void change({ citationStyle: parseSettings({ citationStyle: e.currentTarget.value }).citationStyle })}>
          {STYLE_CHOICES.map((c) => (
            <option key={c.style} value={c.style}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div class="row">
        <label for="settings-theme">Theme</label>
        <select id="settings-theme" data-testid="settings-theme" value={settings.theme} onChange={(e) => void change({ theme: parseSettings({ theme: e.currentTarget.value }).theme })}>
          {(Object.keys(THEME_LABELS) as Settings['theme'][]).map((t) => (
            <option key={t} value={t}>
              {THEME_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div class="check">
        <label>
          <input type="checkbox" checked={settings.autoDetect} onChange={(e) => onAutoDetect(e.currentTarget.checked)} data-testid="settings-auto-detect" aria-describedby="settings-auto-detect-help" />{' '}
          Detect publications on every page as it loads
        </label>
        <p id="settings-auto-detect-help" class="muted">
          Off by default. Turning it on asks your browser for permission to read all sites; Colophon then counts the publications on each page on
          its toolbar badge, before you click. Nothing leaves your browser.
        </p>
        {settings.autoDetect && granted === false && (
          <p class="error" role="alert">
            The permission to read pages was removed in the browser, so automatic detection is paused. Turn it off and on again to grant it.
          </p>
        )}
      </div>
      {status && (
        <p class={status.kind} role="status">
          {status.text}
        </p>
      )}
    </section>
  );
}
