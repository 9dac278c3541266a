// Which rows of a long, fixed-row-height list to render, and how keyboard
// movement maps to a row index and a scroll position. Pure arithmetic.

export interface WindowInput {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  overscan: number;
}

export interface RowWindow {
  /** First rendered row (inclusive). */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Height of the space standing in for the rows before `start`. */
  padTop: number;
  /** Height of the space standing in for the rows after `end`. */
  padBottom: number;
}

export function visibleWindow({ scrollTop, viewportHeight, rowHeight, count, overscan }: WindowInput): RowWindow {
  if (count <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.min(Math.max(0, first - overscan), count - 1);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

/**
 * The scroll position that shows row `index` entirely, moving as little as
 * possible. `headerHeight` is the sticky header covering the top of the viewport.
 */
export function revealRow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  headerHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const visibleRows = viewportHeight - headerHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + visibleRows) return Math.max(0, bottom - visibleRows);
  return scrollTop;
}

/** The row a navigation key moves to, or null for any other key. */
export function navigate(key: string, current: number | null, count: number, pageRows: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const at = current ?? -1;
  const page = Math.max(1, pageRows);
  switch (key) {
    case "ArrowDown":
      return Math.min(last, at + 1);
    case "ArrowUp":
      return current === null ? 0 : Math.max(0, at - 1);
    case "PageDown":
      return Math.min(last, Math.max(0, at) + page);
    case "PageUp":
      return Math.max(0, at - page);
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return null;
  }
}
