import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  /** How many rows there are in all; only the visible ones are rendered. */
  count: number;
  /** Fixed row height in px: fixed heights keep scrolling O(1) at 100,000 rows. */
  rowHeight: number;
  /** Height of the scrolling viewport in px. */
  height: number;
  /** The keyboard-active row (kept in view), or -1. */
  active: number;
  renderRow(index: number): ComponentChildren;
  label: string;
  testId?: string;
}

const OVERSCAN = 6;

/**
 * Which rows of a fixed-height list are in view (plus a few around them), given its viewport's scroll position;
 * keeps the active row in view and starts a new result set at the top. Shared by the popup's list and the
 * library page's table.
 */
export function useVirtualRows({ count, rowHeight, height, active }: { count: number; rowHeight: number; height: number; active: number }) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  // Keep the active row visible when it moves by keyboard.
  useEffect(() => {
    const el = viewport.current;
    if (!el || active < 0) return;
    const top = active * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
  }, [active, rowHeight, height]);

  // A new result set starts at the top.
  useEffect(() => {
    if (viewport.current) viewport.current.scrollTop = 0;
    setScrollTop(0);
  }, [count]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  return { viewport, first, last, onScroll: (e: { currentTarget: HTMLDivElement }) => setScrollTop(e.currentTarget.scrollTop) };
}

/** A windowed list: renders the rows in view plus a few around them, inside a spacer as tall as all rows. */
export function VirtualList({ count, rowHeight, height, active, renderRow, label, testId }: Props) {
  const { viewport, first, last, onScroll } = useVirtualRows({ count, rowHeight, height, active });
  const rows: ComponentChildren[] = [];
  for (let i = first; i < last; i++)
    rows.push(
      // A plain list, not a listbox: each row holds its own controls (checkbox, open), which an option may not.
      <li key={i} aria-current={i === active ? 'true' : undefined} class={i === active ? 'active' : ''} style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}>
        {renderRow(i)}
      </li>,
    );

  return (
    <div ref={viewport} class="virtual" style={{ height: `${Math.min(height, count * rowHeight)}px` }} onScroll={onScroll}>
      <ul aria-label={label} style={{ height: `${count * rowHeight}px` }} data-testid={testId}>
        {rows}
      </ul>
    </div>
  );
}
