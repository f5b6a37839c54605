/**
 * The library's rows for a view (the popup's list, the library page's table): the newest records at once, then
 * search over the compact search table, and a cache of the records shown, filled one bulk read per scroll step.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { loadSearchIndex, PACK_AFTER_BLOCKS, type LibraryReads } from '@/lib/library/reader';
import { NEWEST_ROWS } from '@/lib/library/newest';
// Deep imports: the search code is pure and small; the barrel would bring Dexie and zod into the popup's first paint.
import { toSearchRow, type SearchIndex, type SearchSort, type SortOrder } from '@/lib/library/search';
import type { LibraryRecord } from '@/lib/model';
import { afterNextPaint, whenIdle } from './lazy';

/** What the popup starts as it opens, before its app is loaded (popup/main.ts). */
export interface Opening {
  /** The newest records (newest.ts `readNewest`): saves the first paint a round. */
  rows: Promise<LibraryRecord[]>;
  /** The stored search pack (newest.ts `readSearchPack`), turned into objects after the first paint. */
  pack: Promise<() => unknown>;
  /** Told once the view shows the rows read from the database (or could not): the preview makes way. */
  shown(): void;
  /** Given the library view when it shows the newest rows and nothing else (components/preview.ts). */
  keep(section: HTMLElement): void;
}

/** Changes the view made or learned of, applied to the search index and the row cache without a reload. */
export interface LibraryChanges {
  upserted: LibraryRecord[];
  removed: string[];
}

interface Options {
  library: LibraryReads;
  /** What the popup started before rendering (the library page starts nothing). */
  opening?: Opening | undefined;
  query: string;
  sort: SearchSort;
  /** Default: the sort's own (DEFAULT_ORDER). */
  order?: SortOrder | undefined;
  /** Told when the library or its search table cannot be read. */
  onError(message: string): void;
  /** Runs once the first rows are painted, with the search table's load (a view prefetches its code here). */
  afterFirstPaint?: () => void;
  /** Bumped when records arrived from elsewhere (an import): the newest rows, count and search table are read
   *  again, while the view keeps its selection, open record and undo. */
  reload?: number;
}

export interface LibraryRows {
  /** The ids to list, in order: the newest until the search table is loaded, then the search's results. */
  ids: string[];
  /** The search index, once loaded (null before: `ids` are then the newest records). */
  index: SearchIndex | null;
  /** Whether the first rows have arrived. */
  ready: boolean;
  /** How many records the library holds; unknown (null) until the search table arrives, just after the first rows. */
  count: number | null;
  /** A record from the cache; one not cached yet is fetched (with the others asked for in the same tick) and re-rendered. */
  record(id: string): LibraryRecord | undefined;
  /** Applies changes to the index, the cache and the counts. */
  apply(change: LibraryChanges): void;
}

/**
 * The search index from the stored pack and the blocks changed since (lib/library/search: SearchPack). When a load
 * had to read several blocks, the view asks the background (which writes, off this thread) to store a new pack once
 * the page is idle, so the next load is one read again; the background also does so after every import.
 */
export async function loadSearch(library: Pick<LibraryReads, 'searchTable' | 'refreshPack'>, early?: Promise<() => unknown>): Promise<SearchIndex> {
  const stored = early && (await early.then((value) => value(), () => undefined)); // on failure, read it again
  const { index, table } = await loadSearchIndex(library, stored);
  if (table.blocks.length >= PACK_AFTER_BLOCKS) whenIdle(() => void library.refreshPack().catch(() => undefined)); // a cache
  return index;
}

export interface IndexLoads {
  /** A load starts; returns its number. */
  start(): number;
  /** A load ended (null: it failed): installed, with the changes made meanwhile, unless a later one started. */
  install(loaded: SearchIndex | null, load: number): boolean;
  /** A change the view made: kept while a load is running, to be replayed on its index. */
  record(change: LibraryChanges): void;
}

/**
 * Search indexes load while the view goes on: changes made meanwhile are kept and replayed on the loaded index
 * (its read may or may not have seen them; upserts and removals are idempotent), and only the latest load counts.
 */
export function indexLoads(setIndex: (index: SearchIndex) => void): IndexLoads {
  let started = 0;
  let settled = 0;
  let pending: LibraryChanges[] = [];
  return {
    start: () => ++started,
    install(loaded, load) {
      if (load !== started) return false;
      for (const change of pending) {
        loaded?.upsert(change.upserted.map(toSearchRow));
        if (change.removed.length) loaded?.remove(change.removed);
      }
      pending = [];
      settled = load;
      if (loaded) setIndex(loaded);
      return true;
    },
    record(change) {
      if (started !== settled) pending.push(change);
    },
  };
}

export function useLibrary({ library, opening, query, sort, order, onError, afterFirstPaint, reload = 0 }: Options): LibraryRows {
  const [index, setIndex] = useState<SearchIndex | null>(null);
  const [loads] = useState(() => indexLoads(setIndex));
  const [revision, setRevision] = useState(0); // bumps when the index changes in place
  const [recentIds, setRecentIds] = useState<string[] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const cache = useRef(new Map<string, LibraryRecord>());
  const wanted = useRef(new Set<string>()); // asked for in this render, not read yet
  const reading = useRef(new Set<string>());
  const [, setLoaded] = useState(0);

  // First paint: the newest rows, then the search table in the background.
  useEffect(() => {
    let alive = true;
    // The popup reads the first rows without Dexie (lib/library/newest.ts); should that fail, the repository reads them.
    const newest = opening ? opening.rows.catch(() => library.recent(NEWEST_ROWS)) : library.recent(NEWEST_ROWS);
    newest.then(
      (records) => {
        if (!alive) return;
        for (const r of records) cache.current.set(r.id, r);
        setRecentIds(records.map((r) => r.id));
      },
      (e: unknown) => {
        opening?.shown();
        if (alive) onError(`The library could not be read: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
    return () => {
      alive = false;
    };
  }, [library]);

  // A User Timing mark when the first rows are on screen: the benchmark reads it (performance.getEntriesByName).
  const marked = useRef(false);
  useLayoutEffect(() => {
    if (marked.current || recentIds === null) return;
    marked.current = true;
    // Before this frame is painted: the app takes the preview's place in it (components/preview.ts).
    opening?.shown();
    if (recentIds.length) {
      // The first rows on screen are the preview's, when there was one; these are the database's.
      if (!performance.getEntriesByName('colophon:first-rows').length) performance.mark('colophon:first-rows');
      performance.mark('colophon:library-rows');
    }
    // Only once they are painted: the search table and the code for records and export would compete with the
    // first rows for the database and the CPU.
    void afterNextPaint().then(() => {
      // Marks for the benchmark: loading the search table (the pack read since the opening, the blocks changed since
      // it, the index) until search is ready.
      performance.mark('colophon:search-load');
      const load = loads.start();
      void loadSearch(library, opening?.pack)
        .then((loaded) => {
          if (loads.install(loaded, load)) performance.mark('colophon:search-ready');
        })
        .catch((e: unknown) => {
          loads.install(null, load);
          onError(`Search is unavailable: ${String(e)}`);
          // Without the index, the count comes from the records (counting them reads the whole table in
          // Chromium, so it is never asked for while the search table loads).
          void library.count().then(setTotal, () => undefined);
        });
      afterFirstPaint?.();
    });
  }, [recentIds]);

  useEffect(() => {
    if (!reload) return;
    let alive = true;
    const load = loads.start();
    void Promise.all([library.recent(NEWEST_ROWS), loadSearch(library)]).then(
      ([records, loaded]) => {
        if (!alive || !loads.install(loaded, load)) return;
        for (const r of records) cache.current.set(r.id, r);
        setRecentIds(records.map((r) => r.id));
        setTotal(loaded.size);
      },
      (e: unknown) => {
        loads.install(null, load);
        if (alive) onError(`The library could not be read again: ${String(e)}`);
      },
    );
    return () => {
      alive = false;
    };
  }, [reload]);


  const apply = (change: LibraryChanges) => {
    loads.record(change); // replayed on an index still loading
    // The cache holds every record this view has seen: one not in it is new to the library.
    const added = change.upserted.filter((r) => !cache.current.has(r.id)).length;
    for (const r of change.upserted) cache.current.set(r.id, r);
    for (const id of change.removed) cache.current.delete(id);
    index?.upsert(change.upserted.map(toSearchRow));
    if (change.removed.length) index?.remove(change.removed);
    setRecentIds((ids) => (ids ? [...change.upserted.map((r) => r.id).filter((id) => !ids.includes(id)), ...ids.filter((id) => !change.removed.includes(id))] : ids));
    setTotal((n) => (n === null ? n : n + added - change.removed.length));
    setRevision((v) => v + 1);
  };

  const ids = useMemo(() => {
    if (index) {
      const start = performance.now();
      const found = index.search(query, { sort, ...(order ? { order } : {}) }).ids;
      if (query) performance.measure('colophon:search', { start }); // each search's time, for the benchmark
      return found;
    }
    return recentIds ?? [];
  }, [index, query, sort, order, recentIds, revision]);

  // Fetch the rows in view that are not cached yet: one bulk read for all the rows asked for in one render.
  const flush = () => {
    const batch = [...wanted.current];
    wanted.current.clear();
    for (const id of batch) reading.current.add(id);
    const done = () => {
      for (const id of batch) reading.current.delete(id);
    };
    library.byIds(batch).then((records) => {
      for (const r of records) cache.current.set(r.id, r);
      done();
      setLoaded((n) => n + 1);
    }, (e: unknown) => {
      done(); // not re-rendered: the rows are asked for again when next shown, not in a loop
      onError(`Some records could not be read: ${e instanceof Error ? e.message : String(e)}`);
    });
  };
  const record = (id: string) => {
    const found = cache.current.get(id);
    if (!found && !wanted.current.has(id) && !reading.current.has(id)) {
      wanted.current.add(id);
      if (wanted.current.size === 1) queueMicrotask(flush);
    }
    return found;
  };

  return { ids, index, ready: recentIds !== null, count: index ? index.size : total, record, apply };
}
