import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LibraryReads } from '@/lib/library/reader';
import { DEFAULT_ORDER, type SearchSort, type SortOrder } from '@/lib/library/search';
import { describePeople, type LibraryRecord } from '@/lib/model';
import { ExportPanel, type ExportJob, type ExportOutput } from './export-panel';
import { RecordView, type RecordActions } from './record-view';
import { modeOf, NO_SELECTION, select, selectedInOrder, toggleAll, type SelectMode, type Selection } from './selection';
import { TagButton } from './tag-button';
import { useLibrary } from './use-library';
import { useVirtualRows } from './virtual-list';
import { SearchHelp } from './search-help';
import { exportScopes, UndoNote, useDeletion } from './undoable-delete';
import { useDocumentKeydown } from './use-keydown';

interface Props {
  library: LibraryReads;
  actions: RecordActions;
  runExport(job: ExportJob, signal: AbortSignal): Promise<ExportOutput>;
  copy(text: string, html?: string): Promise<void>;
  download(filename: string, text: string, mime: string): void;
  /** Bumped after an import: the table reads the library again, keeping its selection, panel and undo. */
  reload?: number;
}

type Column = Exclude<SearchSort, 'relevance'>;
const COLUMNS: { id: Column; label: string; cell(record: LibraryRecord): string }[] = [
  { id: 'title', label: 'Title', cell: (r) => r.item.title },
  { id: 'authors', label: 'Authors', cell: (r) => describePeople(r.item) },
  { id: 'publisher', label: 'Publisher', cell: (r) => r.item.publisher ?? r.item['container-title'] ?? '' },
  { id: 'year', label: 'Year', cell: (r) => String(r.item.issued?.['date-parts'][0]?.[0] ?? '') },
  { id: 'pages', label: 'Pages', cell: (r) => r.item['number-of-pages'] ?? '' },
  { id: 'type', label: 'Type', cell: (r) => r.item.type },
  { id: 'saved', label: 'Saved', cell: (r) => new Date(r.savedAt).toLocaleDateString('en-CA') },
];
const ROW_HEIGHT = 34;

/** Beside the table: a record's editor, or the export dialog (for one record, or for the selection, results and library). */
type Panel = { kind: 'record'; record: LibraryRecord } | { kind: 'export'; only?: LibraryRecord } | null;

/**
 * The library page: every record in a sortable, virtualised table (100,000 rows scroll like 10), the popup's
 * search, multi-selection (click, ctrl/cmd-click, shift-click ranges, keyboard), bulk tag, export and delete
 * with undo, and the record editor beside the table.
 */
export function LibraryTable({ library, actions, runExport, copy, download, reload }: Props) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SearchSort>('relevance');
  const [order, setOrder] = useState<SortOrder>(DEFAULT_ORDER.relevance);
  const [active, setActive] = useState(-1);
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const [panel, setPanel] = useState<Panel>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [height, setHeight] = useState(400);
  const search = useRef<HTMLInputElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLElement>(null);

  const { ids, index, ready, count, record: cached, apply } = useLibrary({ library, query, sort, order: sort === 'relevance' ? undefined : order, onError: setError, reload });
  const { viewport, first, last, onScroll } = useVirtualRows({ count: ids.length, rowHeight: ROW_HEIGHT, height, active });
  // The table scrolls under its sticky header row, so header and cells share one width (no scrollbar offset).
  const grid = viewport;

  // The table fills the window below the toolbars; its height (less the header row) decides how many rows are rendered.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(Math.max(ROW_HEIGHT, el.clientHeight - (head.current?.offsetHeight ?? 0))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const searching = query.trim() !== '';
  const selected = selection.ids;
  const shown = ids.length;

  const act = async (work: () => Promise<void>) => {
    setError(null);
    setStatus(null);
    try {
      await work();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const openRecord = (i: number) => {
    const record = cached(ids[i]!);
    if (record) setPanel({ kind: 'record', record });
  };
  // Focus follows the panel: into it when it opens, back to the table when it closes.
  const panelKind = panel?.kind ?? null;
  useEffect(() => {
    if (panelKind === 'record') panelRef.current?.querySelector<HTMLElement>('[data-testid="back"]')?.focus();
  }, [panelKind]);
  const closePanel = () => {
    setPanel(null);
    grid.current?.focus();
  };

  // A click on a row's checkbox or title leaves the focus on the table, where the keys work.
  const keepTableFocus = (e: MouseEvent) => {
    e.preventDefault();
    grid.current?.focus();
  };
  const choose = (i: number, mode: SelectMode) => {
    setActive(i);
    setSelection((s) => select(s, ids, i, mode));
  };
  const move = (to: number, extend: boolean) => {
    if (!shown) return;
    const i = Math.max(0, Math.min(shown - 1, to));
    setActive(i);
    setSelection((s) => (extend ? select(s.anchor === null && active >= 0 ? { ...s, anchor: ids[active]! } : s, ids, i, 'range') : { ...s, anchor: ids[i]! }));
  };

  const onKey = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    const inSearch = target === search.current;
    // Esc closes the panel from inside it, or when focus fell back to the page (a form it held was closed).
    if (panel && e.key === 'Escape' && (panelRef.current?.contains(target) || target === document.body)) {
      e.preventDefault();
      closePanel();
      return;
    }
    if (panelRef.current?.contains(target)) return;
    const onTable = inSearch || target === grid.current || target === document.body;
    const typing = target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || (target.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type));
    if (e.key === '/' && !inSearch && !typing) {
      e.preventDefault();
      search.current?.focus();
    } else if (!onTable) {
      return;
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      move(active + (e.key === 'ArrowDown' ? 1 : -1), e.shiftKey);
      grid.current?.focus();
    } else if ((e.key === 'PageDown' || e.key === 'PageUp') && !inSearch) {
      e.preventDefault();
      const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
      move(active + (e.key === 'PageDown' ? page : -page), e.shiftKey);
    } else if ((e.key === 'Home' || e.key === 'End') && !inSearch) {
      e.preventDefault();
      move(e.key === 'Home' ? 0 : shown - 1, e.shiftKey);
    } else if (e.key === ' ' && !inSearch && active >= 0) {
      e.preventDefault();
      setSelection((s) => select(s, ids, active, e.shiftKey ? 'range' : 'toggle'));
    } else if (e.key === 'a' && (e.ctrlKey || e.metaKey) && !inSearch) {
      e.preventDefault();
      setSelection((s) => ({ ids: new Set(ids), anchor: s.anchor }));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      openRecord(active);
    } else if (e.key === 'Escape') {
      if (query) {
        e.preventDefault();
        changeQuery('');
      } else if (selected.size) {
        e.preventDefault();
        setSelection(NO_SELECTION);
      }
    }
  };
  useDocumentKeydown(onKey);

  // A new search is a new list: the selection and the active row refer to the old one.
  const changeQuery = (text: string) => {
    setQuery(text);
    setActive(-1);
    setSelection(NO_SELECTION);
  };
  // A click on the header the table is sorted by (shown as such, as Saved is for "newest first") reverses it.
  const sortBy = (column: Column) => {
    const current = ariaSort(column);
    setSort(column);
    setOrder(current ? (current === 'ascending' ? 'descending' : 'ascending') : DEFAULT_ORDER[column]);
    setActive(-1);
  };
  /** What a header tells assistive technology: the column the table is sorted by, and which way. */
  const ariaSort = (column: Column): SortOrder | undefined => {
    if (sort === column) return order;
    if (sort === 'relevance' && !searching && column === 'saved') return 'descending';
    return undefined;
  };

  const chosen = () => selectedInOrder(selection, ids);
  const deletion = useDeletion(actions, apply);
  const removeRecords = (list: string[]) =>
    act(async () => {
      await deletion.remove(list);
      setSelection(NO_SELECTION);
      setActive(-1);
      if (panel?.kind === 'record' && list.includes(panel.record.id)) setPanel(null);
    });
  const undoRemove = () =>
    act(async () => {
      const restored = await deletion.restore();
      setSelection({ ids: new Set(restored.map((r) => r.id)), anchor: null });
    });
  const bulkTag = (tag: string) =>
    act(async () => {
      const list = chosen();
      const changed = await actions.tag(list, { add: [tag] });
      apply({ upserted: await library.byIds(list), removed: [] });
      deletion.forget();
      setStatus(`Tagged ${changed.toLocaleString('en')} ${changed === 1 ? 'record' : 'records'} “${tag}”${changed < list.length ? ` (${(list.length - changed).toLocaleString('en')} had it already)` : ''}.`);
    });
  const scopes = (only?: LibraryRecord) => exportScopes(library, { only, selected: chosen(), results: searching ? ids : null, count });

  const allSelected = shown > 0 && selected.size >= shown && ids.every((id) => selected.has(id));
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selected.size > 0 && !allSelected;
  });

  const rows = [];
  for (let i = first; i < last; i++) {
    const id = ids[i]!;
    const record = cached(id);
    const isSelected = selected.has(id);
    rows.push(
      <div
        key={id}
        id={`row-${i}`}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={isSelected}
        class={`tr${isSelected ? ' selected' : ''}${i === active ? ' active' : ''}`}
        style={{ top: `${i * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` }}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('input, button')) return;
          if (e.shiftKey) e.preventDefault(); // no text selection on shift-click
          choose(i, modeOf(e));
        }}
        onDblClick={() => openRecord(i)}
        data-testid="record"
      >
        <div role="gridcell" class="td check">
          <input
            type="checkbox"
            tabIndex={-1}
            onMouseDown={keepTableFocus}
            aria-label={`Select ${record?.item.title ?? 'this record'}`}
            checked={isSelected}
            onClick={(e) => choose(i, e.shiftKey ? 'range' : 'toggle')}
          />
        </div>
        {COLUMNS.map((c) => (
          <div role="gridcell" class={`td ${c.id}`} key={c.id}>
            {c.id === 'title' ? (
              <button
                type="button"
                tabIndex={-1}
                onMouseDown={keepTableFocus}
                class="record-open record-title"
                title={record?.item.title}
                onClick={(e) => {
                  const mode = modeOf(e);
                  if (mode === 'only') {
                    setActive(i);
                    openRecord(i);
                  } else choose(i, mode);
                }}
              >
                {record ? record.item.title : '…'}
              </button>
            ) : (
              (record && c.cell(record)) || ''
            )}
          </div>
        ))}
      </div>,
    );
  }

  const countText = !ready
    ? 'Loading…'
    : count === null
      ? `${shown.toLocaleString('en')} of …`
      : searching || !index
        ? `${shown.toLocaleString('en')} of ${count.toLocaleString('en')}`
        : count.toLocaleString('en');

  return (
    <div class={`library-page${panel ? ' with-panel' : ''}`}>
      <section class="library-main" aria-label="Your library">
        <div class="searchbar">
          <input
            ref={search}
            type="search"
            placeholder="Search: words, &quot;phrases&quot;, year:2010..2017, type:report, tag:… (press /)"
            aria-label="Search your library"
            value={query}
            onInput={(e) => changeQuery(e.currentTarget.value)}
            data-testid="search"
          />
          <button type="button" aria-expanded={helpOpen} aria-label="Search help" onClick={() => setHelpOpen(!helpOpen)}>
            ?
          </button>
        </div>
        {helpOpen && <SearchHelp />}
        <div class="toolbar bulk">
          <span class="muted count" data-testid="count" aria-live="polite">
            {countText}
          </span>
          {selected.size > 0 && (
            <span class="selected-count" data-testid="selected-count">
              {selected.size.toLocaleString('en')} selected
            </span>
          )}
          {sort === 'relevance' && searching && <span class="muted">best match first</span>}
          {sort !== 'relevance' && searching && (
            <button type="button" class="link" onClick={() => setSort('relevance')} data-testid="sort-relevance">
              Sort by best match
            </button>
          )}
          <UndoNote undo={deletion.undo} onUndo={undoRemove} />
          {status && !deletion.undo && (
            <p class="info" role="status" data-testid="status">
              {status}
            </p>
          )}
          <span class="spacer" />
          {selected.size > 0 && (
            <>
              <TagButton onTag={bulkTag} />
              <button type="button" onClick={() => removeRecords(chosen())} data-testid="bulk-delete">
                Delete
              </button>
              <button type="button" onClick={() => setSelection(NO_SELECTION)} data-testid="clear-selection">
                Clear selection
              </button>
            </>
          )}
          <button type="button" aria-expanded={panel?.kind === 'export'} onClick={() => setPanel(panel?.kind === 'export' ? null : { kind: 'export' })} data-testid="export-open">
            Export…
          </button>
        </div>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div
          ref={viewport}
          class="grid"
          role="grid"
          tabIndex={0}
          aria-label="Saved publications"
          aria-multiselectable="true"
          aria-rowcount={shown + 1}
          aria-colcount={COLUMNS.length + 1}
          aria-activedescendant={active >= first && active < last ? `row-${active}` : undefined}
          onScroll={onScroll}
          data-testid="library-table"
        >
          <div role="rowgroup" class="thead" ref={head}>
            <div role="row" aria-rowindex={1} class="tr">
              <div role="columnheader" class="th check">
                <input
                  ref={selectAll}
                  type="checkbox"
                  aria-label={searching ? 'Select all results' : 'Select all'}
                  checked={allSelected}
                  disabled={!shown}
                  onChange={() => setSelection((s) => toggleAll(s, ids))}
                  data-testid="select-all"
                />
              </div>
              {COLUMNS.map((c) => (
                <div role="columnheader" class={`th ${c.id}`} key={c.id} aria-sort={ariaSort(c.id)}>
                  <button type="button" onClick={() => sortBy(c.id)} data-testid={`sort-${c.id}`}>
                    {c.label}
                    <span aria-hidden="true" class="sort-mark">
                      {ariaSort(c.id) === 'ascending' ? '▲' : ariaSort(c.id) === 'descending' ? '▼' : ''}
                    </span>
                  </button>
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" class="tbody" style={{ height: `${Math.max(shown, 1) * ROW_HEIGHT}px` }}>
            {rows}
            {ready && shown === 0 && (
              <div role="row" class="tr empty">
                <div role="gridcell" aria-colspan={COLUMNS.length + 1} class="muted" data-testid="library-empty">
                  {searching
                    ? index
                      ? 'No record matches. Press Esc to clear the search.'
                      : 'Preparing search…'
                    : 'Nothing saved yet. Import a file above, or clip a page with the toolbar button.'}
                </div>
              </div>
            )}
          </div>
        </div>
        <p class="muted keys">
          <kbd>/</kbd> search · <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Space</kbd> select · <kbd>Shift</kbd>+<kbd>↑</kbd> <kbd>↓</kbd> or click extend · <kbd>Ctrl</kbd>+click toggle ·{' '}
          <kbd>Enter</kbd> open · <kbd>Esc</kbd> clear
        </p>
      </section>
      {panel && (
        <aside class="side-panel" ref={panelRef} aria-label={panel.kind === 'record' ? 'Record editor' : 'Export'}>
          {panel.kind === 'record' ? (
            <RecordView
              key={panel.record.id}
              record={panel.record}
              actions={actions}
              backLabel="Close"
              onBack={closePanel}
              onChanged={(record) => {
                apply({ upserted: [record], removed: [] });
                setPanel({ kind: 'record', record });
              }}
              onDelete={() => removeRecords([panel.record.id])}
              onCite={() => setPanel({ kind: 'export', only: panel.record })}
              tagsStartingWith={(prefix) => library.tagsStartingWith(prefix)}
            />
          ) : (
            <>
              <h2>Export</h2>
              <ExportPanel key={panel.only?.id ?? 'export'} scopes={scopes(panel.only)} runExport={runExport} copy={copy} download={download} onClose={closePanel} />
            </>
          )}
        </aside>
      )}
    </div>
  );
}
