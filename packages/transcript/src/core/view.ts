// SessionView construction and the few transitions every caller shares (start a turn, end it,
// append lines within a bound). Views are immutable values: each change returns a new object and
// reuses what did not change, so callers can compare by identity.
import type { SessionView, ToolLine, TurnState, ViewLine } from '../types.ts';

/**
 * Lines kept per turn. Generous: hosts show the newest MAX_STATUS_LINES; the bound only keeps a
 * runaway turn (thousands of tool calls) from growing memory and copy cost without limit.
 */
export const MAX_VIEW_LINES = 500;

export interface ViewInit {
  key: string;
  sessionId: string;
  agent: string;
  label?: string;
  startedAt: number;
  turn?: number;
}

export function initialView(init: ViewInit): SessionView {
  return {
    key: init.key,
    sessionId: init.sessionId,
    agent: init.agent,
    label: init.label || init.agent,
    state: 'active',
    turn: init.turn ?? 1,
    startedAt: init.startedAt,
    lastActivityAt: init.startedAt,
    lines: [],
    tokens: 0,
    compactions: 0,
  };
}

/** A fresh turn of the same session: turn+1, no lines, counters at zero, active. */
export function startTurn(view: SessionView, at: number): SessionView {
  const { endedAt: _e, error: _r, cost: _c, quiet: _q, droppedLines: _d, ...rest } = view;
  return {
    ...rest,
    state: 'active',
    turn: view.turn + 1,
    startedAt: at,
    lastActivityAt: at,
    lines: [],
    tokens: 0,
    compactions: 0,
  };
}

/**
 * Ends the turn. An `error` end also closes tool calls still pending (the model gave up on them);
 * `interrupted` leaves them pending, as the writer may come back and finish them.
 */
export function endTurn(
  view: SessionView,
  state: Exclude<TurnState, 'active'>,
  at: number,
  error?: string,
): SessionView {
  const { quiet: _q, ...rest } = view;
  const lines = state === 'error' ? closePending(view.lines, at) : view.lines;
  return { ...rest, state, endedAt: Math.max(at, view.startedAt), lines, ...(error ? { error } : {}) };
}

/** Pending tool lines become failed "no result" lines (their call was abandoned). */
export function closePending(lines: ViewLine[], at: number): ViewLine[] {
  if (!lines.some((l) => l.kind === 'tool' && l.status === 'pending')) return lines;
  return lines.map((l) =>
    l.kind === 'tool' && l.status === 'pending'
      ? ({ ...l, status: 'error', endedAt: at, detail: 'no result' } satisfies ToolLine)
      : l,
  );
}

/** Appends lines, dropping the oldest beyond MAX_VIEW_LINES (counted in droppedLines). */
export function appendLines(
  view: SessionView,
  added: ViewLine[],
): Pick<SessionView, 'lines' | 'droppedLines'> {
  if (added.length === 0)
    return { lines: view.lines, ...(view.droppedLines ? { droppedLines: view.droppedLines } : {}) };
  const lines = view.lines.concat(added);
  const over = lines.length - MAX_VIEW_LINES;
  if (over <= 0) return { lines, ...(view.droppedLines ? { droppedLines: view.droppedLines } : {}) };
  return { lines: lines.slice(over), droppedLines: (view.droppedLines ?? 0) + over };
}

/** Index of the newest tool line for a call id, or -1. */
export function findToolLine(lines: ViewLine[], toolCallId: string): number {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.kind === 'tool' && l.id === toolCallId) return i;
  }
  return -1;
}

/** The newest tool line still waiting for its result. */
export function pendingTool(view: SessionView): ToolLine | undefined {
  for (let i = view.lines.length - 1; i >= 0; i--) {
    const l = view.lines[i]!;
    if (l.kind === 'tool' && l.status === 'pending') return l;
  }
  return undefined;
}

export function replaceLine(lines: ViewLine[], index: number, line: ViewLine): ViewLine[] {
  const copy = lines.slice();
  copy[index] = line;
  return copy;
}
