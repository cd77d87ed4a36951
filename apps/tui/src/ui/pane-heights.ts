// How the terminal's rows are shared: header and help bar one row each; in the list view the list
// gets what it needs up to 40 % of the rest (at least 3 rows when it has them), a separator row,
// and the selected session's box the remainder; the full view gives the box everything.
export interface PaneHeights {
  list: number;
  box: number;
}

export function paneHeights(rows: number, mode: 'list' | 'detail', listed: number): PaneHeights {
  const body = Math.max(2, rows - 2);
  if (mode === 'detail') return { list: 0, box: body };
  const list = Math.max(1, Math.min(listed, Math.max(3, Math.floor(body * 0.4))));
  return { list, box: Math.max(1, body - list - 1) };
}
