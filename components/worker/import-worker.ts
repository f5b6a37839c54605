/**
 * Reads import files off the UI thread: parsing 10,000 entries takes most of a second, and the library page may not
 * freeze. A worker of its own, without the citation code the export worker carries (a tenth of the script), so it
 * starts at once. One file in; its entries out a chunk at a time as they are read (lib/cite/import.ts,
 * readImportChunks); then one reply with what only the end tells. The page cancels by terminating the worker.
 */
import { decodeImportBytes, readImportChunks } from '@/lib/cite/import';

/** Entries per chunk: what the background commits as one transaction (its default chunk, a search block). */
export const IMPORT_CHUNK = 1000;
/**
 * The first chunk is smaller: the background validates and writes it while the next ones are still being read, and
 * nothing else is written meanwhile. The second makes it up to a whole chunk, so the later ones fill whole blocks.
 */
export const FIRST_CHUNK = 200;

/** Reads one file, posting its chunks and then exactly one reply. */
export function handleImport(data: unknown, post: (message: Record<string, unknown>) => void): void {
  try {
    const bytes = (data as { bytes?: unknown } | null)?.bytes;
    if (!(bytes instanceof Uint8Array)) throw new Error('No file to read.');
    post({ ok: true, ...readImportChunks(decodeImportBytes(bytes), (chunk) => post({ chunk }), { chunkSize: IMPORT_CHUNK, firstChunk: FIRST_CHUNK }) });
  } catch (error) {
    post({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

if (typeof self !== 'undefined') self.onmessage = (event: MessageEvent<unknown>) => handleImport(event.data, (message) => self.postMessage(message));
