/** Popup wiring: builds the services from lib/ and renders the app. */
import { render } from 'preact';
import { App } from '@/components/app';
import { FIRST_PAINT } from '@/components/library-view';
import { createServices } from '@/components/services';
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

const services = createServices(targetTabId);
// Ask for the newest rows before rendering: opening the database overlaps with the first render.
const firstRows = services.library.recent(FIRST_PAINT);
render(<App services={services} firstRows={firstRows} />, document.getElementById('app')!);
