import { useEffect, useRef, useState } from 'preact/hooks';
import { lazy, Suspense } from 'preact/compat';
import type { LibraryReads } from '@/lib/library/reader';
// Deep imports: the search code and describeItem are pure and small; the barrels would bring Dexie and zod.
import { type SearchSort } from '@/lib/library/search';
import { describeItem } from '@/lib/model/describe';
import type { LibraryRecord } from '@/lib/model';
import type { ExportJob, ExportOutput, ExportScope } from './export-panel';
import { afterNextPaint, once } from './lazy';
import type { RecordActions } from './record-view';
import { TagButton } from './tag-button';
import { useLibrary, type LibraryChanges, type Opening } from './use-library';
import { VirtualList } from './virtual-list';
import { SearchHelp } from './search-help';
import { exportScopes, UndoNote, useDeletion } from './undoable-delete';
import { useDocumentKeydown } from './use-keydown';

export type { LibraryChanges } from './use-library';

interface Props {
  library: LibraryReads;
  actions: RecordActions;
  /** Records saved elsewhere in the popup (the capture panel), to show at once. */
  changes: LibraryChanges | null;
  runExport(job: ExportJob, signal: AbortSignal): Promise<ExportOutput>;
  copy(text: string, html?: string): Promise<void>;
  download(filename: string, text: string, mime: string): void;
  /** Height of the list in px (the popup is small; the library page is not). */
  listHeight?: number;
  /** The newest records, when the page already asked for them before rendering (saves the first paint a round). */
  /** What the popup started as it opened (see useLibrary). */
  opening?: Opening;
}

// Loaded after the first rows are painted (prefetched), so opening a record or the export dialog doesn't wait.
const loadRecordView = once(() => import('./record-view').then((m) => m.RecordView));
const loadExportPanel = once(() => import('./export-panel').then((m) => m.ExportPanel));
const RecordView = lazy(loadRecordView);
const ExportPanel = lazy(loadExportPanel);

const ROW_HEIGHT = 46;

/**
 * The library in the popup: newest first at once (read through the savedAt index, never the whole table),
 * then search-as-you-type once the compact search table is loaded; a virtualised list, so 100,000 rows
 * scroll as smoothly as 10.
 */
export function LibraryView({ library, actions, changes, runExport, copy, download, listHeight = 300, opening }: Props) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SearchSort>('relevance');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState<LibraryRecord | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState<ExportScope[] | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);

  const { ids, index, ready, count, record: cached, apply } = useLibrary({
    library,
    opening,
    query,
    sort,
    onError: setError,
    // The record view and the export dialog load once the first rows are painted (prefetched), so opening them doesn't wait.
    afterFirstPaint: () => {
      void loadRecordView().catch(() => undefined);
      void loadExportPanel().catch(() => undefined);
    },
  });

  useEffect(() => {
    if (changes) apply(changes);
  }, [changes]);

  const searching = query.trim() !== '';
  const shown = ids.length;

  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const typing = target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && target !== search.current) || target.tagName === 'SELECT';
    if (open || typing) return;
    if (e.key === '/' && target !== search.current) {
      e.preventDefault();
      search.current?.focus();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(shown - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && active >= 0) {
      const record = cached(ids[active]!);
      if (record) setOpen(record);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
      setActive(-1);
    }
  };
  useDocumentKeydown(onKey);

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const deletion = useDeletion(actions, apply);
  const removeRecords = (idsToRemove: string[]) =>
    act(async () => {
      await deletion.remove(idsToRemove);
      setSelected(new Set());
      setOpen(null);
    });
  const undoRemove = () => act(async () => void (await deletion.restore()));
  const bulkTag = (tag: string) =>
    act(async () => {
      const chosen = [...selected];
      await actions.tag(chosen, { add: [tag] });
      apply({ upserted: await library.byIds(chosen), removed: [] });
    });
  // The popup keeps what it shows as the next opening's preview, when that is the newest rows and nothing else.
  const section = useRef<HTMLElement>(null);
  const clean = ready && !searching && sort === 'relevance' && !open && !exporting && !helpOpen && selected.size === 0 && active < 0;
  const rowsLoaded = clean && ids.slice(0, 12).every((id) => cached(id)); // no row still reading ("…")
  useEffect(() => {
    if (!opening || !rowsLoaded) return;
    let alive = true;
    void afterNextPaint().then(() => alive && section.current && opening.keep(section.current));
    return () => {
      alive = false;
    };
  }, [rowsLoaded, ids, count, error, deletion.undo]);

  const scopes = (only?: LibraryRecord) => exportScopes(library, { only, selected: [...selected], results: searching ? ids : null, count });

  if (open) {
    return (
      <Suspense fallback={<p class="muted">Opening the record…</p>}>
        <RecordView
          record={open}
          actions={actions}
          onBack={() => setOpen(null)}
          onChanged={(record) => {
            apply({ upserted: [record], removed: [] });
            setOpen(record);
          }}
          onDelete={() => removeRecords([open.id])}
          onCite={() => {
            setOpen(null);
            setExporting(scopes(open));
          }}
          tagsStartingWith={(prefix) => library.tagsStartingWith(prefix)}
        />
      </Suspense>
    );
  }

  if (ready && (count ?? ids.length) === 0 && !searching)
    return (
      <section class="library" ref={section}>
        <h2>Your library</h2>
        <p class="muted" data-testid="library-empty">
          Nothing saved yet. On a page that announces a publication, check what Colophon found and click Save.
        </p>
      </section>
    );

  const allShownSelected = shown > 0 && ids.every((id) => selected.has(id));
  return (
    <section class="library" aria-label="Your library" ref={section}>
      <h2>Your library</h2>
      <div class="searchbar">
        <input
          ref={search}
          type="search"
          placeholder="Search (press /)"
          aria-label="Search your library"
          value={query}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setActive(-1);
          }}
          data-testid="search"
        />
        <select aria-label="Sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as SearchSort)} data-testid="sort">
          <option value="relevance">{searching ? 'Best match' : 'Newest'}</option>
          <option value="saved">Saved</option>
          <option value="year">Year</option>
          <option value="title">Title</option>
        </select>
        <button type="button" class="link" aria-expanded={helpOpen} aria-label="Search help" onClick={() => setHelpOpen(!helpOpen)}>
          ?
        </button>
      </div>
      {helpOpen && <SearchHelp />}
      <div class="toolbar">
        <label>
          <input
            type="checkbox"
            checked={allShownSelected}
            onChange={(e) => setSelected(e.currentTarget.checked ? new Set(ids) : new Set())}
            data-testid="select-all"
          />{' '}
          <span class="muted" data-testid="count">
            {count === null ? `${shown.toLocaleString('en')} of …` : searching || !index ? `${shown.toLocaleString('en')} of ${count.toLocaleString('en')}` : count.toLocaleString('en')}
            {selected.size ? ` · ${selected.size.toLocaleString('en')} selected` : ''}
            {searching && !index ? ' · preparing search…' : ''}
          </span>
        </label>
        {selected.size > 0 && (
          <>
            <TagButton onTag={bulkTag} />
            <button type="button" onClick={() => removeRecords([...selected])} data-testid="bulk-delete">
              Delete
            </button>
          </>
        )}
        <button type="button" aria-expanded={exporting !== null} onClick={() => setExporting(exporting ? null : scopes())} data-testid="export-open">
          Export…
        </button>
      </div>
      {exporting && (
        <Suspense fallback={<p class="muted">Opening export…</p>}>
          <ExportPanel scopes={exporting} runExport={runExport} copy={copy} download={download} onClose={() => setExporting(null)} />
        </Suspense>
      )}
      <UndoNote undo={deletion.undo} onUndo={undoRemove} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {searching && shown === 0 && index ? (
        <p class="muted">No record matches. Press Esc to clear the search.</p>
      ) : (
        <VirtualList
          count={shown}
          rowHeight={ROW_HEIGHT}
          height={listHeight}
          active={active}
          label="Saved publications"
          testId="library"
          renderRow={(i) => {
            const id = ids[i]!;
            const record = cached(id);
            return (
              <div class="record" data-testid="record">
                <input type="checkbox" aria-label="Select" checked={selected.has(id)} onChange={(e) => toggle(id, e.currentTarget.checked)} />
                <button type="button" class="record-open" onClick={() => record && setOpen(record)} tabIndex={-1}>
                  <span class="record-title">{record?.item.title ?? '…'}</span>
                  <span class="byline">{record ? describeItem(record.item) : ''}</span>
                </button>
              </div>
            );
          }}
        />
      )}
    </section>
  );
}
