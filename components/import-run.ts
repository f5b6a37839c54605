/**
 * One file's import, from its entries as they are read to the report: the import panel's logic without its DOM.
 *
 * The file is read in the import worker, which hands its entries over in chunks as it converts them (200 first,
 * then up to 1,000; as JSON text: see ImportChunk). Each chunk goes to the background as soon as it arrives, two at
 * a time (the background validates and prepares the next while the one before commits, and writes them in order).
 * So a large file's first chunks are saved while the rest is still being read.
 */
import type { ImportChunk, ImportSummary } from '@/lib/cite';

/**
 * Chunks sent before the first one's answer: the background parses the next while the previous commits (it writes
 * them in order). Two keep it busy; more would only add chunks lost if the worker stopped.
 */
export const IN_FLIGHT = 2;

/** What an import asks of the background. */
export interface ImportServices {
  /**
   * Saves one chunk (the items, or their JSON text) through the background: its own transaction, de-duplicated
   * against the library. Chunks of one file share `importId`: each is committed after the one sent before it, and
   * not at all if that one failed.
   */
  importItems(items: unknown[] | string, part?: { importId: string; offset: number; total: number }): Promise<{ added: number; duplicates: number; invalid: { index: number; message: string }[]; error?: string | undefined }>;
}

export interface ImportReport {
  format: string;
  added: number;
  duplicates: number;
  problems: { line: number; reason: string }[];
  /** Entries read, but with a doubt worth telling (a repeated citation key, an unknown type read as a document). */
  notes: { line: number; reason: string }[];
  /** Why the import ended before the file did (then importing it again finishes the job). */
  stopped?: string;
}

export interface ImportRun extends ImportServices {
  /** Reads the file, handing its readable entries to `onChunk` as they are read (the background validates them); resolves with what only the end tells. */
  read(onChunk: (chunk: ImportChunk) => void): Promise<ImportSummary>;
  /** As chunks arrive and are answered: entries done of those expected. */
  onProgress(done: number, total: number): void;
  /** True once the user asked to stop: no further chunk is sent. */
  cancelled(): boolean;
}

/** Why an import ended early, as the report says it. */
const stoppedBy = (error: unknown) => `${error instanceof Error ? error.message : String(error)} Import the file again to finish.`;

/**
 * Imports one file and reports what happened. Throws only when the file could not be read and nothing was sent;
 * any later failure (a refused chunk, a full disk, the reading failing half-way) ends the import with a report of
 * what was saved before it.
 */
export async function runImport({ read, importItems, onProgress, cancelled }: ImportRun): Promise<ImportReport> {
  const waiting: { chunk: ImportChunk; start: number }[] = [];
  let format = 'unknown';
  let expected = 0;
  /** Entries read so far, and those answered for, in file order. */
  let received = 0;
  let done = 0;
  const total = () => Math.max(expected, received);
  // Settles whenever a chunk arrives or the reading ends.
  let wake = () => {};
  let news = new Promise<void>((resolve) => (wake = resolve));
  const tell = () => {
    wake();
    news = new Promise<void>((resolve) => (wake = resolve));
  };
  let reading = true;
  let summary: ImportSummary | undefined;
  let readError: unknown;
  void read((chunk) => {
    format = chunk.format;
    expected = chunk.expected;
    waiting.push({ chunk, start: received });
    received += chunk.lines.length;
    onProgress(done, total());
    tell();
  }).then(
    (end) => {
      summary = end;
      reading = false;
      tell();
    },
    (error: unknown) => {
      readError = error;
      reading = false;
      tell();
    },
  );

  const report: ImportReport = { format, added: 0, duplicates: 0, problems: [], notes: [] };
  const importId = crypto.randomUUID();
  const inFlight: { chunk: ImportChunk; start: number; outcome: ReturnType<ImportServices['importItems']> }[] = [];
  let sentAny = false;
  for (;;) {
    while (!cancelled() && !report.stopped && inFlight.length < IN_FLIGHT && waiting.length) {
      const { chunk, start } = waiting.shift()!;
      const outcome = importItems(chunk.items, { importId, offset: start, total: total() });
      outcome.catch(() => undefined); // awaited below; the first failure ends the import, the rest are moot
      inFlight.push({ chunk, start, outcome });
      sentAny = true;
    }
    const sent = inFlight[0];
    if (!sent) {
      if (!reading || cancelled() || report.stopped) break;
      await news;
      continue;
    }
    // With a place free for another chunk, its arrival is worth waking for as much as the oldest chunk's answer.
    if (reading && inFlight.length < IN_FLIGHT && !cancelled() && !report.stopped) {
      const answered = await Promise.race([sent.outcome.then(() => true, () => true), news.then(() => false)]);
      if (!answered) continue;
    }
    inFlight.shift();
    let outcome: Awaited<typeof sent.outcome>;
    try {
      outcome = await sent.outcome;
    } catch (error) {
      // The report keeps what was imported before; importing again finishes the job.
      report.stopped ??= stoppedBy(error);
      continue;
    }
    if (report.stopped) continue; // a chunk after a failed one: the background did not commit it
    report.added += outcome.added;
    report.duplicates += outcome.duplicates;
    for (const bad of outcome.invalid) report.problems.push({ line: sent.chunk.lines[bad.index] ?? 0, reason: bad.message });
    done = sent.start + sent.chunk.lines.length;
    onProgress(done, total());
    if (outcome.error) report.stopped = outcome.error;
  }

  if (readError !== undefined && !cancelled()) {
    if (!sentAny) throw readError;
    report.stopped ??= stoppedBy(readError);
  }
  // Stopped before the file was read to its end (a Stop also ends the reading), or before every chunk was answered.
  if (cancelled() && !report.stopped && (summary === undefined || done < received)) {
    report.stopped = `Stopped after ${done.toLocaleString('en')} of ${total().toLocaleString('en')} entries; import the file again to finish.`;
  }
  report.format = summary?.format ?? format;
  report.problems.push(...(summary?.errors ?? []).map((p) => ({ line: p.line, reason: p.reason })));
  report.problems.sort((a, b) => a.line - b.line);
  report.notes = (summary?.warnings ?? []).map((w) => ({ line: w.line, reason: w.reason })).sort((a, b) => a.line - b.line);
  return report;
}
