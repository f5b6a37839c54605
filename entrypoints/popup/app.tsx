/** Popup wiring: builds the services from lib/ and renders the app (loaded by main.ts, which starts the first read). */
import { render } from 'preact';
import { App } from '@/components/app';
import { createServices } from '@/components/services';
import type { LibraryRecord } from '@/lib/model';
import { activeTabId, tabIdByUrl } from '@/lib/platform';

/**
 * The tab to read. A real popup reads the active tab. The e2e build opens the popup as a tab of its own,
 * so it names its target with `?target=URL`; other builds ignore the parameter (dead code outside e2e).
 */
async function targetTabId(): Promise<number> {
  const target = import.meta.env.MODE === 'e2e' ? new URLSearchParams(location.search).get('target') : null;
  const id = target ? await tabIdByUrl(target) : await activeTabId();
  if (id === undefined) throw new Error('There is no page to read in this window.');
  return id;
}

export function start(firstRows: Promise<LibraryRecord[]>): void {
  render(<App services={createServices(targetTabId)} firstRows={firstRows} />, document.getElementById('app')!);
}
