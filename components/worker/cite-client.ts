/** The popup's side of the export worker: one job at a time, cancelled by terminating the worker. */
import type { ExportJob, ExportOutput } from '@/components/export-panel';
// Vite's `?worker` import bundles the worker as its own file (WXT rewrites import.meta.url, so the
// `new Worker(new URL(…, import.meta.url))` form is not detected).
import ExportWorker from './export-worker.ts?worker';

let worker: Worker | null = null;

export function runExportInWorker(job: ExportJob, signal: AbortSignal): Promise<ExportOutput> {
  worker ??= new ExportWorker();
  const current = worker;
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      current.onmessage = null;
      current.onerror = null;
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      cleanup();
      current.terminate();
      if (worker === current) worker = null;
      reject(new DOMException('Export cancelled', 'AbortError'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    current.onmessage = (event: MessageEvent<{ ok: boolean; text?: string; html?: string; notes?: ExportOutput['notes']; error?: string }>) => {
      cleanup();
      const reply = event.data;
      if (reply.ok && typeof reply.text === 'string') resolve({ text: reply.text, ...(reply.html ? { html: reply.html } : {}), notes: reply.notes ?? [] });
      else reject(new Error(reply.error ?? 'The export worker failed.'));
    };
    current.onerror = (event) => {
      cleanup();
      current.terminate();
      if (worker === current) worker = null;
      reject(new Error(event.message || 'The export worker failed.'));
    };
    current.postMessage(job);
  });
}
