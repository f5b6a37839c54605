/** Popup wiring: builds the services from lib/ and renders the app (loaded by main.ts, which starts the first read). */
import { render } from 'preact';
import { App } from '@/components/app';
import { afterFirstRows } from '@/components/lazy';
import { createServices, createSettingsServices } from '@/components/services';
import { SettingsProvider } from '@/components/settings-context';
import type { Opening } from '@/components/use-library';
import { activeTabId, tabIdByUrl } from '@/lib/platform';

/**
 * The tab to read. A real popup reads the active tab. Where the browser would not open the popup for the
 * context menu, the background opens this page in a small window with `?tab=ID` (the window's own tab is not
 * the page). The e2e build opens the popup as a tab of its own, so it names its target with `?target=URL`;
 * other builds ignore that parameter (dead code outside e2e).
 */
async function targetTabId(): Promise<number> {
  const params = new URLSearchParams(location.search);
  const target = import.meta.env.MODE === 'e2e' ? params.get('target') : null;
  const named = /^\d{1,10}$/.test(params.get('tab') ?? '') ? Number(params.get('tab')) : undefined;
  const id = named ?? (target ? await tabIdByUrl(target) : await activeTabId());
  if (id === undefined) throw new Error('There is no page to read in this window.');
  return id;
}

export function start(opening: Opening): void {
  render(
    <SettingsProvider services={createSettingsServices(afterFirstRows(opening.rows))}>
      <App services={createServices(targetTabId)} opening={opening} />
    </SettingsProvider>,
    document.getElementById('app')!,
  );
}
