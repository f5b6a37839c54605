import { useState } from 'preact/hooks';
import type { LibraryRepository } from '@/lib/library';
import { describeItem, type LibraryRecord } from '@/lib/model';
import { ExportPanel, type ExportJob, type ExportOutput } from './export-panel';
import { useLiveQuery } from './use-live-query';

interface Props {
  library: LibraryRepository;
  /** Formats an export in a worker (the citation code loads only then). */
  runExport(job: ExportJob, signal: AbortSignal): Promise<ExportOutput>;
  copy(text: string, html?: string): Promise<void>;
  download(filename: string, text: string, mime: string): void;
}

const RECENT_LIMIT = 200;

/** The library, newest first, with selection and BibTeX export (download or copy). */
export function LibraryList({ library, runExport, copy, download }: Props) {
  const records = useLiveQuery(() => library.recent(RECENT_LIMIT), [library], undefined as LibraryRecord[] | undefined);
  const total = useLiveQuery(() => library.count(), [library], 0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState(false);

  if (!records) return null;
  if (records.length === 0)
    return (
      <section class="library">
        <h2>Your library</h2>
        <p class="muted">Nothing saved yet. On a page that announces a publication, check what Colophon found and click Save.</p>
      </section>
    );

  const chosen = records.filter((r) => selected.has(r.id));
  const allSelected = chosen.length === records.length;
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section class="library" aria-label="Your library">
      <h2>
        Your library <span class="muted">({total.toLocaleString('en')})</span>
      </h2>
      <div class="toolbar">
        <label>
          <input
            type="checkbox"
            checked={allSelected}
            onChange={(e) => setSelected(e.currentTarget.checked ? new Set(records.map((r) => r.id)) : new Set())}
            data-testid="select-all"
          />{' '}
          Select all
        </label>
        <button type="button" aria-expanded={exporting} onClick={() => setExporting(!exporting)} data-testid="export-open">
          Export…
        </button>
      </div>
      {exporting && (
        <ExportPanel
          scopes={[
            ...(chosen.length ? [{ id: 'selection', label: 'Selected', count: chosen.length, load: async () => chosen }] : []),
            { id: 'library', label: 'Whole library', count: total, load: () => library.recent(total) },
          ]}
          runExport={runExport}
          copy={copy}
          download={download}
          onClose={() => setExporting(false)}
        />
      )}
      <ul class="records" data-testid="library">
        {records.map((r) => (
          <li key={r.id} data-testid="record">
            <label>
              <input type="checkbox" checked={selected.has(r.id)} onChange={(e) => toggle(r.id, e.currentTarget.checked)} />
              <span class="record-title">{r.item.title}</span>
            </label>
            <span class="byline">{describeItem(r.item)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
