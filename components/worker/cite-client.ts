/**
 * The page's side of its workers: the citation worker (exports) and the import worker (reading files). Each runs one
 * job at a time, cancelled by terminating it; a worker stays up between jobs (the citation worker's style engines
 * stay warm).
 */
import type { ImportChunk, ImportSummary } from '@/lib/cite';
import type { ExportJob, ExportOutput } from '../export-panel';
// Vite's `?worker` import bundles a worker as its own file (WXT rewrites import.meta.url, so the
// `new Worker(new URL(…, import.meta.url))` form is not detected).
import CiteWorker from './cite-worker.ts?worker';
import ImportWorker from './import-worker.ts?worker';

/** What a worker says before its one reply: how far a bibliography has come, or a chunk of an import file. */
interface News {
  progress?: [number, number];
  chunk?: ImportChunk;
}

/** One kind of worker, started on first use and again after a job was cancelled or it failed. */
class WorkerSlot {
  private worker: Worker | null = null;
  constructor(private readonly create: () => Worker) {}

  run<T>(job: unknown, signal: AbortSignal | undefined, transfer: Transferable[] = [], onNews?: (news: News) => void): Promise<T> {
    this.worker ??= this.create();
    const current = this.worker;
    return new Promise((resolve, reject) => {
      const stop = () => {
        current.terminate();
        if (this.worker === current) this.worker = null;
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
        else reject(new Error(error ?? 'The worker failed.'));
      };
      current.onerror = (event) => {
        cleanup();
        stop();
        reject(new Error(event.message || 'The worker failed.'));
      };
      current.postMessage(job, transfer);
    });
  }
}

const citing = new WorkerSlot(() => new CiteWorker());
const importing = new WorkerSlot(() => new ImportWorker());

/** Formats in the worker; `onProgress` hears how far a bibliography has come (other formats are quick and say nothing). */
export function runExportInWorker(job: ExportJob, signal: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<ExportOutput> {
  return citing.run<ExportOutput>({ kind: 'export', ...job }, signal, [], (news) => news.progress && onProgress?.(...news.progress)).then((out) => ({ text: out.text, ...(out.html ? { html: out.html } : {}), notes: out.notes ?? [] }));
}

/** Reads an import file in its worker: `onChunk` gets its entries as they are read; the promise, what only the end tells. */
export function parseImportInWorker(bytes: Uint8Array, onChunk: (chunk: ImportChunk) => void, signal?: AbortSignal): Promise<ImportSummary> {
  return importing.run<ImportSummary>({ bytes }, signal, [bytes.buffer], (news) => news.chunk && onChunk(news.chunk));
}
