/**
 * Multi-selection over an ordered list of ids, the way file managers do it: a click selects one row, ctrl/cmd
 * toggles one, shift selects the range from the anchor (the row last clicked or toggled). Pure: state in,
 * state out, so the table's mouse and keyboard paths share one set of rules.
 */

export interface Selection {
  /** Selected ids. */
  ids: ReadonlySet<string>;
  /** Where a shift-range starts: the id last clicked, toggled or moved to; null before any. */
  anchor: string | null;
}

export const NO_SELECTION: Selection = { ids: new Set(), anchor: null };

export type SelectMode = 'only' | 'toggle' | 'range';

/** How a click (or key) with these modifiers selects: shift → range, ctrl/cmd → toggle, else only this row. */
export function modeOf(e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): SelectMode {
  return e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only';
}

/**
 * Selects the row at `index` of `order`. `range` replaces the selection with the rows from the anchor to this
 * one, inclusive, in either direction (no anchor: this row alone); the anchor stays where it was, so a second
 * shift-click re-draws the range from the same row.
 */
export function select(state: Selection, order: readonly string[], index: number, mode: SelectMode): Selection {
  const id = order[index];
  if (id === undefined) return state;
  if (mode === 'only') return { ids: new Set([id]), anchor: id };
  if (mode === 'toggle') {
    const ids = new Set(state.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  const from = state.anchor === null ? -1 : order.indexOf(state.anchor);
  if (from < 0) return { ids: new Set([id]), anchor: id };
  const [lo, hi] = from <= index ? [from, index] : [index, from];
  return { ids: new Set(order.slice(lo, hi + 1)), anchor: state.anchor };
}

/** Every id of `order` selected, or none when they all are already (the header checkbox). */
export function toggleAll(state: Selection, order: readonly string[]): Selection {
  const all = order.length > 0 && order.every((id) => state.ids.has(id));
  return { ids: all ? new Set() : new Set(order), anchor: state.anchor };
}

/** The selection kept to the ids still in `order` (after a delete or a new search), in that order. */
export function selectedInOrder(state: Selection, order: readonly string[]): string[] {
  if (!state.ids.size) return [];
  return order.filter((id) => state.ids.has(id));
}
