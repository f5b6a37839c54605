import { useEffect, useRef, useState } from 'preact/hooks';
import type { ImportChunk, ImportSummary } from '@/lib/cite';
import { MAX_IMPORT_MB } from '@/lib/cite/catalog';
import { runImport, type ImportReport, type ImportServices } from './import-run';

/**
 * How often the list is reloaded while chunks arrive: each reload reads its rows and search table again, on the
 * same two cores the import runs on (every 2 s made a 10,000-entry import about 0.2 s slower, of 6).
 */
const RELOAD_EVERY_MS = 5000;

interface Props extends ImportServices {
  /** Reads a file's bytes off the UI thread, handing its entries over a chunk at a time as they are read. */
  parse(bytes: Uint8Array, onChunk: (chunk: ImportChunk) => void, signal: AbortSignal): Promise<ImportSummary>;
  /** Called as chunks are committed (at most every RELOAD_EVERY_MS) and at the end, so the list shows the new records. */
  onImported(): void;
}

interface Report extends ImportReport {
  file: string;
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
  /** The import under way: Stop aborts it, which ends the file's reading at once and sends no further chunk. */
  const reading = useRef<AbortController | null>(null);
  // User Timing marks for the benchmark: from the file in hand to the report on screen.
  useEffect(() => {
    if (report) performance.mark('colophon:import-done');
  }, [report]);

  const importFile = async (file: File) => {
    // One import at a time: a second file dropped meanwhile would share the reading worker with the first.
    if (reading.current) {
      setError(`${file.name} was not imported: another file is being imported. Wait for it to finish, or stop it, then try again.`);
      return;
    }
    performance.mark('colophon:import-start');
    setError(null);
    setReport(null);
    if (file.size > MAX_IMPORT_MB * 1024 * 1024) {
      setError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(0)} MB: files over ${MAX_IMPORT_MB} MB are not imported. Split it and import the parts.`);
      return;
    }
    const controller = new AbortController();
    reading.current = controller;
    try {
      setProgress({ done: 0, total: 0 });
      const bytes = new Uint8Array(await file.arrayBuffer());
      let shownAt = performance.now();
      const report = await runImport({
        read: (onChunk) => parse(bytes, onChunk, controller.signal),
        importItems,
        cancelled: () => controller.signal.aborted,
        onProgress: (done, total) => {
          setProgress({ done, total });
          // The list reloads its rows and search table on each call: now and then while chunks arrive, then at the end.
          if (performance.now() - shownAt > RELOAD_EVERY_MS) {
            shownAt = performance.now();
            onImported();
          }
        },
      });
      setReport({ file: file.name, ...report });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      controller.abort(); // a reading still going after a refused chunk or a full disk ends too (a finished one ignores it)
      reading.current = null;
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
          <button
            type="button"
            // Chunks already sent are answered first; nothing more is read or sent.
            onClick={() => reading.current?.abort()}
          >
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
          {report.notes.length > 0 && (
            <details class="notes" data-testid="import-notes">
              <summary>
                {report.notes.length.toLocaleString('en')} {report.notes.length === 1 ? 'entry was' : 'entries were'} read with a note
              </summary>
              <ul class="problems">
                {report.notes.slice(0, 200).map((p, i) => (
                  <li key={i}>
                    line {p.line}: {p.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
