// Which rows of a long list are drawn: only as many as fit, scrolled so the selection shows.
export interface ListWindow {
  start: number;
  end: number;
}

/** Keeps the selected row visible with the least scrolling from the previous window start. */
export function listWindow(count: number, selected: number, height: number, previousStart = 0): ListWindow {
  const h = Math.max(1, height);
  if (count <= h) return { start: 0, end: count };
  let start = Math.min(Math.max(0, previousStart), count - h);
  if (selected < start) start = selected;
  if (selected >= start + h) start = selected - h + 1;
  start = Math.max(0, Math.min(start, count - h));
  return { start, end: start + h };
}
