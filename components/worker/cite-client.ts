/** The page's side of the citation worker: one job at a time, cancelled by terminating the worker. */
import type { ImportChunk, ImportSummary } from '@/lib/cite';
import type { ExportJob, ExportOutput } from '../export-panel';
// Vite's `?worker` import bundles the worker as its own file (WXT rewrites import.meta.url, so the
// `new Worker(new URL(…, import.meta.url))` form is not detected).
import CiteWorker from './cite-worker.ts?worker';

let worker: Worker | null = null;

/** What the worker says before its one reply: how far a bibliography has come, or a batch of an import's entries. */
interface News {
  progress?: [number, number];
  chunk?: ImportChunk;
}

function runJob<T>(job: unknown, signal: AbortSignal | undefined, transfer: Transferable[] = [], onNews?: (news: News) => void): Promise<T> {
  worker ??= new CiteWorker();
  const current = worker;
  return new Promise((resolve, reject) => {
    const stop = () => {
      current.terminate();
      if (worker === current) worker = null;
    };
    const cleanup = () => {
      current.onmessage = null;
      current.onerror = null;
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      cleanup();
      stop();
      reject(new DOMException('Cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    current.onmessage = (event: MessageEvent<{ ok?: boolean; error?: string } & News & Record<string, unknown>>) => {
      // News comes before the one reply, which alone says whether the job succeeded.
      if (event.data.ok === undefined) return onNews?.(event.data);
      cleanup();
      const { ok, error, ...rest } = event.data;
      if (ok) resolve(rest as T);
      else reject(new Error(error ?? 'The citation worker failed.'));
    };
    current.onerror = (event) => {
      cleanup();
      stop();
      reject(new Error(event.message || 'The citation worker failed.'));
    };
    current.postMessage(job, transfer);
  });
}

/** Formats in the worker; `onProgress` hears how far a bibliography has come (other formats are quick and say nothing). */
export function runExportInWorker(job: ExportJob, signal: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<ExportOutput> {
  return runJob<ExportOutput>({ kind: 'export', ...job }, signal, [], (news) => news.progress && onProgress?.(...news.progress)).then((out) => ({ text: out.text, ...(out.html ? { html: out.html } : {}), notes: out.notes ?? [] }));
}

/** Reads an import file in the worker: `onChunk` gets its valid entries as they are read; the promise, what only the end tells. */
export function parseImportInWorker(bytes: Uint8Array, onChunk: (chunk: ImportChunk) => void, signal?: AbortSignal): Promise<ImportSummary> {
  return runJob<ImportSummary>({ kind: 'import', bytes }, signal, [bytes.buffer], (news) => news.chunk && onChunk(news.chunk));
}
