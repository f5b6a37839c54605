import { useEffect, useRef, useState } from 'preact/hooks';
import type { ImportResult } from '@/lib/cite';
import { MAX_IMPORT_MB } from '@/lib/cite/catalog';

/** Entries per message to the background, which commits each as one transaction (its default chunk, a search block). */
const CHUNK = 1000;
/**
 * Chunks sent before the first one's answer: the background parses the next while the previous commits (it writes
 * them in order). Two keep it busy; more would only add chunks lost if the worker stopped.
 */
const IN_FLIGHT = 2;
/**
 * How often the list is reloaded while chunks arrive: each reload reads its rows and search table again, on the
 * same two cores the import runs on (every 2 s made a 10,000-entry import about 0.2 s slower, of 6).
 */
const RELOAD_EVERY_MS = 5000;

/** What the import panel asks of the background. */
export interface ImportServices {
  /**
   * Saves one chunk through the background: its own transaction, de-duplicated against the library. Chunks of one
   * file share `importId`: each is committed after the one sent before it, and not at all if that one failed.
   */
  importItems(items: unknown[], part?: { importId: string; offset: number; total: number }): Promise<{ added: number; duplicates: number; invalid: { index: number; message: string }[]; error?: string | undefined }>;
}

interface Props extends ImportServices {
  /** Reads a file's bytes into validated entries, off the UI thread. */
  parse(bytes: Uint8Array): Promise<ImportResult>;
  /** Called as chunks are committed (at most every RELOAD_EVERY_MS) and at the end, so the list shows the new records. */
  onImported(): void;
}

interface Report {
  file: string;
  format: string;
  added: number;
  duplicates: number;
  problems: { line: number; reason: string }[];
  stopped?: string;
}

/**
 * Import BibTeX, BibLaTeX, RIS, CSL-JSON or a Colophon backup, by file picker or drag and drop. Every entry is
 * validated; broken ones are listed with their line and reason while every valid one is imported, in chunks of
 * 1,000, each committed on its own: a crash loses at most the chunk in flight, and importing again finishes the job
 * (what the library already holds is skipped).
 */
export function ImportPanel({ parse, importItems, onImported }: Props) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const cancelled = useRef(false);
  // User Timing marks for the benchmark: from the file in hand to the report on screen.
  useEffect(() => {
    if (report) performance.mark('colophon:import-done');
  }, [report]);

  const importFile = async (file: File) => {
    performance.mark('colophon:import-start');
    setError(null);
    setReport(null);
    if (file.size > MAX_IMPORT_MB * 1024 * 1024) {
      setError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB: files over ${MAX_IMPORT_MB} MB are not imported. Split it and import the parts.`);
      return;
    }
    cancelled.current = false;
    try {
      setProgress({ done: 0, total: 0 });
      const parsed = await parse(new Uint8Array(await file.arrayBuffer()));
      // A backup brings its tags, notes and provenance back; other formats bring the item.
      const items = parsed.entries.map((e) => (e.record ? { item: e.record.item, provenance: e.record.provenance, tags: e.record.tags, note: e.record.note } : e.item));
      const result: Report = {
        file: file.name,
        format: parsed.format ?? 'unknown',
        added: 0,
        duplicates: 0,
        problems: parsed.errors.map((p) => ({ line: p.line, reason: p.reason })),
      };
      setProgress({ done: 0, total: items.length });
      let shownAt = performance.now();
      const importId = crypto.randomUUID();
      const inFlight: { start: number; size: number; outcome: ReturnType<ImportServices['importItems']> }[] = [];
      let next = 0;
      for (;;) {
        while (!cancelled.current && !result.stopped && next < items.length && inFlight.length < IN_FLIGHT) {
          const chunk = items.slice(next, next + CHUNK);
          const outcome = importItems(chunk, { importId, offset: next, total: items.length });
          outcome.catch(() => undefined); // awaited below; the first failure ends the import, the rest are moot
          inFlight.push({ start: next, size: chunk.length, outcome });
          next += chunk.length;
        }
        const sent = inFlight.shift();
        if (!sent) break;
        let outcome: Awaited<typeof sent.outcome>;
        try {
          outcome = await sent.outcome;
        } catch (error) {
          // The report keeps what was imported before; importing again finishes the job.
          result.stopped ??= `${error instanceof Error ? error.message : String(error)} Import the file again to finish.`;
          continue;
        }
        if (result.stopped) continue; // a chunk after a failed one: the background did not commit it
        result.added += outcome.added;
        result.duplicates += outcome.duplicates;
        for (const bad of outcome.invalid) result.problems.push({ line: parsed.entries[sent.start + bad.index]?.line ?? 0, reason: bad.message });
        const done = sent.start + sent.size;
        setProgress({ done, total: items.length });
        // The list reloads its rows and search table on each call: now and then while chunks arrive, then at the end.
        if (performance.now() - shownAt > RELOAD_EVERY_MS) {
          shownAt = performance.now();
          onImported();
        }
        if (outcome.error) result.stopped = outcome.error;
        else if (cancelled.current && !inFlight.length && done < items.length) {
          result.stopped = `Stopped after ${done.toLocaleString('en')} of ${items.length.toLocaleString('en')} entries; import the file again to finish.`;
        }
      }
      result.problems.sort((a, b) => a.line - b.line);
      setReport(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
      onImported(); // also after a failure: chunks committed before it are in the library
    }
  };

  return (
    <section
      class={`import${over ? ' over' : ''}`}
      aria-label="Import"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer?.files[0];
        if (file) void importFile(file);
      }}
      data-testid="import-panel"
    >
      <h2>Import</h2>
      <p class="muted">
        Drop a BibTeX, BibLaTeX, RIS, CSL-JSON or Colophon backup file here, or{' '}
        <label class="link">
          choose a file
          <input
            type="file"
            accept=".bib,.bibtex,.ris,.json,.txt"
            class="visually-hidden"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void importFile(file);
            }}
            data-testid="import-file"
          />
        </label>
        . What your library already holds is skipped.
      </p>
      {progress && (
        <p>
          <progress value={progress.done} max={progress.total || undefined} aria-label="Import progress" />{' '}
          {progress.total ? `${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')}` : 'Reading the file…'}{' '}
          <button type="button" onClick={() => (cancelled.current = true)}>
            Stop
          </button>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div role="status" data-testid="import-report">
          <p>
            {report.file} ({report.format}): imported {report.added.toLocaleString('en')}
            {report.duplicates ? `, ${report.duplicates.toLocaleString('en')} already in your library` : ''}
            {report.problems.length ? `, ${report.problems.length.toLocaleString('en')} could not be read` : ''}.
          </p>
          {report.stopped && <p class="error">{report.stopped}</p>}
          {report.problems.length > 0 && (
            <ul class="problems" data-testid="import-problems">
              {report.problems.slice(0, 200).map((p, i) => (
                <li key={i}>
                  line {p.line}: {p.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
