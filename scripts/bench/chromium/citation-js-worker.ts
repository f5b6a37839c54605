/**
 * The yardstick for `export_apa_1k_ms`, in Chromium beside the extension's worker: citeproc through
 * citation-js's own API, `new Cite(items).format('bibliography')`, one job per message. Bundled by the benchmark
 * (popup.ts) into the e2e build's folder, never into the extension.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';

self.onmessage = (event: MessageEvent<{ items: unknown[] }>) => {
  const text = new Cite(event.data.items).format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }) as string;
  self.postMessage({ length: text.length });
};
