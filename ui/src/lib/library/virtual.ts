// The window into a long list of fixed-height rows: which rows to draw for a scroll position, so
// 10,000 documents cost the DOM about forty rows.

export interface Range {
  start: number;
  end: number;
}

/** Rows [start, end) to draw: those in the viewport plus `overscan` on each side. */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 8): Range {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewport)) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + overscan) };
}

/** The scrollTop that brings row `index` fully into view (unchanged if it already is). */
export function scrollFor(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewport) return top + rowHeight - viewport;
  return scrollTop;
}
