import { describe, expect, it } from 'vitest';
import { modeOf, NO_SELECTION, select, selectedInOrder, toggleAll } from '@/components/selection';

const order = ['a', 'b', 'c', 'd', 'e', 'f'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('table selection', () => {
  it('selects one row on a click, toggles on ctrl/cmd, ranges on shift', () => {
    expect(modeOf({ shiftKey: false, ctrlKey: false, metaKey: false })).toBe('only');
    expect(modeOf({ shiftKey: false, ctrlKey: false, metaKey: true })).toBe('toggle');
    expect(modeOf({ shiftKey: true, ctrlKey: true, metaKey: false })).toBe('range');
    let s = select(NO_SELECTION, order, 1, 'only');
    expect(s).toEqual({ ids: new Set(['b']), anchor: 'b' });
    s = select(s, order, 4, 'range');
    expect(ids(s)).toEqual(['b', 'c', 'd', 'e']);
    // The anchor stays: a second shift-click redraws the range from it, upwards too.
    s = select(s, order, 0, 'range');
    expect(ids(s)).toEqual(['a', 'b']);
    s = select(s, order, 3, 'toggle');
    expect(ids(s)).toEqual(['a', 'b', 'd']);
    expect(s.anchor).toBe('d');
    s = select(s, order, 3, 'toggle');
    expect(ids(s)).toEqual(['a', 'b']);
  });

  it('starts a range at the clicked row when there is no anchor, and ignores rows out of range', () => {
    expect(ids(select(NO_SELECTION, order, 2, 'range'))).toEqual(['c']);
    // An anchor no longer listed (deleted, filtered out) starts afresh too.
    expect(ids(select({ ids: new Set(), anchor: 'zz' }, order, 2, 'range'))).toEqual(['c']);
    const s = select(NO_SELECTION, order, 1, 'only');
    expect(select(s, order, 99, 'only')).toBe(s);
  });

  it('selects all results, or none when all are, and lists the selection in table order', () => {
    const all = toggleAll(NO_SELECTION, order);
    expect(ids(all)).toEqual(order);
    expect(ids(toggleAll(all, order))).toEqual([]);
    expect(ids(toggleAll(NO_SELECTION, []))).toEqual([]);
    const picked = { ids: new Set(['e', 'zz', 'a']), anchor: null };
    expect(selectedInOrder(picked, order)).toEqual(['a', 'e']);
  });
});
