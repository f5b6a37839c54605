/**
 * Delete with undo, and the export scopes of a library view: the popup's list and the library page's table
 * share them (each adds its own selection and panel handling around them).
 */
import { useState } from 'preact/hooks';
import type { LibraryReads } from '@/lib/library/reader';
import type { LibraryRecord } from '@/lib/model';
import type { ExportScope } from './export-panel';
import type { RecordActions } from './record-view';
import { keepPreview, localStore } from './preview';
import type { LibraryChanges } from './use-library';

export interface Deletion {
  /** The last deletion, while it can be undone. */
  undo: { text: string; records: LibraryRecord[] } | null;
  /** Deletes through the background and remembers what went, for Undo. */
  remove(ids: readonly string[]): Promise<LibraryRecord[]>;
  /** Puts the last deleted records back; resolves to them ([] when there is nothing to undo). */
  restore(): Promise<LibraryRecord[]>;
  /** Forgets the last deletion (another action took its place). */
  forget(): void;
}

export function useDeletion(actions: Pick<RecordActions, 'remove' | 'restore'>, apply: (change: LibraryChanges) => void): Deletion {
  const [undo, setUndo] = useState<Deletion['undo']>(null);
  return {
    undo,
    async remove(ids) {
      const removed = await actions.remove([...ids]);
      apply({ upserted: [], removed: removed.map((r) => r.id) });
      // The popup's preview may show what went: it is dropped (the popup keeps a new one when it next shows the list).
      const storage = localStore();
      if (storage) keepPreview(storage, undefined);
      setUndo({ text: removed.length === 1 ? 'Deleted 1 record.' : `Deleted ${removed.length.toLocaleString('en')} records.`, records: removed });
      return removed;
    },
    async restore() {
      if (!undo) return [];
      await actions.restore(undo.records);
      apply({ upserted: undo.records, removed: [] });
      setUndo(null);
      return undo.records;
    },
    forget: () => setUndo(null),
  };
}

/** "Deleted 3 records. Undo" */
export function UndoNote({ undo, onUndo }: { undo: Deletion['undo']; onUndo(): void }) {
  if (!undo) return null;
  return (
    <p class="info" role="status">
      {undo.text}{' '}
      <button type="button" class="link" onClick={onUndo} data-testid="undo">
        Undo
      </button>
    </p>
  );
}

/** What Export… offers: one record, the selection, the search results, the whole library. */
export function exportScopes(
  library: LibraryReads,
  { only, selected, results, count }: { only?: LibraryRecord | undefined; selected: readonly string[]; results: readonly string[] | null; count: number | null },
): ExportScope[] {
  return [
    ...(only ? [{ id: 'record', label: 'This record', count: 1, load: async () => [only] }] : []),
    ...(!only && selected.length ? [{ id: 'selection', label: 'Selected', count: selected.length, load: () => library.byIds(selected) }] : []),
    ...(results ? [{ id: 'results', label: 'Search results', count: results.length, load: () => library.byIds(results) }] : []),
    { id: 'library', label: 'Whole library', count: count ?? 0, load: () => library.count().then((n) => library.recent(n)) },
  ];
}
