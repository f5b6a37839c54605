import { lazy, Suspense } from 'preact/compat';
import { useEffect, useState } from 'preact/hooks';
import type { LibraryReads } from '@/lib/library/reader';
import type { CaptureServices } from './capture-panel';
import type { ExportJob, ExportOutput } from './export-panel';
import type { ImportServices } from './import-run';
import { afterFirstRows, once } from './lazy';
import { LibraryView, type LibraryChanges } from './library-view';
import type { Opening } from './use-library';
import type { RecordActions } from './record-view';

/** Everything the popup and the library page are handed (built in services.ts), each part typed where it is used. */
export interface AppServices extends RecordActions, CaptureServices {
  importItems: ImportServices['importItems'];
  library: LibraryReads;
  runExport(job: ExportJob, signal: AbortSignal): Promise<ExportOutput>;
  copy(text: string, html?: string): Promise<void>;
  download(filename: string, text: string, mime: string): void;
}

// The capture panel brings the form and its zod validation: it loads once the first library rows are shown.
const loadCapturePanel = once(() => import('./capture-panel').then((m) => m.CapturePanel));
const CapturePanel = lazy(loadCapturePanel);
const reading = <p class="muted">Reading this page…</p>;

/** The popup: what this page offers on top, the library below. Services are passed in (STYLE.md 7). */
export function App({ services, opening }: { services: AppServices; opening?: Opening }) {
  const [changes, setChanges] = useState<LibraryChanges | null>(null);
  // The capture panel's code is loaded once the newest rows are on screen, so it never delays them.
  const [painted, setPainted] = useState(!opening);
  useEffect(() => {
    if (opening) void afterFirstRows(opening.rows).then(() => setPainted(true));
  }, []);
  return (
    <main>
      <header>
        <h1>Colophon</h1>
      </header>
      {!painted ? (
        reading
      ) : (
        <Suspense fallback={reading}>
          <CapturePanel
            capture={services.capture}
            pendingSelection={services.pendingSelection}
            readSelection={services.readSelection}
            dropSelection={services.dropSelection}
            save={services.save}
            findDuplicates={services.findDuplicates}
            applyDuplicate={services.applyDuplicate}
            onSaved={(records) => setChanges({ upserted: records, removed: [] })}
          />
        </Suspense>
      )}
      <LibraryView opening={opening} library={services.library} actions={services} changes={changes} runExport={services.runExport} copy={services.copy} download={services.download} />
      <p class="muted footer">
        <a href="/options.html" target="_blank" rel="noopener" data-testid="open-library-page">
          Open the full library
        </a>{' '}
        (import, larger view)
      </p>
    </main>
  );
}
