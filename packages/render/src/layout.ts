// Which lines a box shows: the newest that fit in `maxLines` rows, the older ones counted. A
// sub-agent block costs its own rows (its label, its lines, its footer), so a busy child cannot
// push the box past its bound.
import type { SubagentView, ViewLine } from '@livestatus/transcript';
import { MAX_SUBAGENT_DEPTH, type ResolvedOptions } from './options.ts';

export interface LineSelection {
  kept: ViewLine[];
  /** Lines left out here plus those already dropped upstream (`droppedLines`). */
  earlier: number;
}

type LayoutOptions = Pick<ResolvedOptions, 'expandSubagents' | 'maxLines'>;

/** Lines dropped before the view reached us (reducer bound, or props truncation). */
export function droppedBefore(view: { droppedLines?: number } | SubagentView): number {
  const n = (view as { droppedLines?: unknown }).droppedLines;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

/** A sub-agent gets half the rows of its parent, so the parent's own lines stay in view. */
export function childBudget(maxLines: number): number {
  return Math.max(1, Math.ceil(maxLines / 2));
}

export function isExpandedSubagent(line: ViewLine, o: LayoutOptions, depth: number): boolean {
  return (
    line.kind === 'tool' && line.subagent !== undefined && o.expandSubagents && depth < MAX_SUBAGENT_DEPTH
  );
}

/** Rows one line takes when drawn at `depth` (0 = the box's own lines). */
export function rowsOf(line: ViewLine, o: LayoutOptions, depth: number): number {
  if (line.kind !== 'tool' || !line.subagent || !isExpandedSubagent(line, o, depth)) return 1;
  const child = selectLines(
    line.subagent.lines,
    droppedBefore(line.subagent),
    childBudget(o.maxLines),
    o,
    depth + 1,
  );
  let rows = 2 + (child.earlier > 0 ? 1 : 0);
  for (const l of child.kept) rows += rowsOf(l, o, depth + 1);
  return rows;
}

/** The newest lines whose rows fit in `budget` (the newest one always, unless the budget is 0). */
export function selectLines(
  lines: readonly ViewLine[],
  alreadyDropped: number,
  budget: number,
  o: LayoutOptions,
  depth: number,
): LineSelection {
  let used = 0;
  let start = lines.length;
  while (start > 0 && budget > 0) {
    const line = lines[start - 1];
    if (line === undefined) break;
    const rows = rowsOf(line, o, depth);
    if (used + rows > budget && start < lines.length) break;
    used += rows;
    start--;
  }
  return { kept: lines.slice(start), earlier: alreadyDropped + start };
}
