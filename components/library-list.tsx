import { useState } from 'preact/hooks';
import type { LibraryRepository } from '@/lib/library';
import { describeItem, type LibraryRecord } from '@/lib/model';
import { useLiveQuery } from './use-live-query';

interface Props {
  library: LibraryRepository;
  /** Formats records as BibTeX (loaded on demand, so the citation library stays out of first paint). */
  exportBibtex(records: LibraryRecord[]): Promise<string>;
  copy(text: string): Promise<void>;
  download(filename: string, text: string): void;
}

const RECENT_LIMIT = 200;

/** The library, newest first, with selection and BibTeX export (download or copy). */
export function LibraryList({ library, exportBibtex, copy, download }: Props) {
  const records = useLiveQuery(() => library.recent(RECENT_LIMIT), [library], undefined as LibraryRecord[] | undefined);
  const total = useLiveQuery(() => library.count(), [library], 0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<string | null>(null);

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

  const run = async (action: 'copy' | 'download') => {
    setStatus(null);
    try {
      const text = await exportBibtex(chosen);
      if (action === 'copy') {
        await copy(text);
        setStatus(`Copied ${chosen.length} BibTeX ${chosen.length === 1 ? 'entry' : 'entries'}.`);
      } else {
        download(chosen.length === 1 ? `${fileStem(chosen[0]!)}.bib` : `colophon-${chosen.length}-records.bib`, text);
        setStatus(`Downloaded ${chosen.length} BibTeX ${chosen.length === 1 ? 'entry' : 'entries'}.`);
      }
    } catch (error) {
      setStatus(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

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
        <button type="button" disabled={chosen.length === 0} onClick={() => run('download')} data-testid="export-bibtex">
          Export BibTeX
        </button>
        <button type="button" disabled={chosen.length === 0} onClick={() => run('copy')} data-testid="copy-bibtex">
          Copy
        </button>
      </div>
      {status && (
        <p class="muted" role="status">
          {status}
        </p>
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

/** A file name from a record: `eurocities-2017-cities-external-cultural-relations`. */
function fileStem(record: LibraryRecord): string {
  const { item } = record;
  const first = item.author?.[0] ?? item.editor?.[0];
  const parts = [first?.family ?? first?.literal, item.issued?.['date-parts'][0]?.[0], item.title.split(/\s+/).slice(0, 5).join(' ')];
  return (
    parts
      .filter(Boolean)
      .join(' ')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'colophon'
  );
}
