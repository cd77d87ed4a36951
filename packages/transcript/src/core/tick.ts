// What only time changes in a view (design §3): the quiet-time note, the idle end of a turn with
// nothing pending, and the hard cap on a turn's duration. The clock is the caller's `now`.
import type { SessionView } from '../types.ts';
import { endTurn, pendingTool } from './view.ts';

export interface TickOptions {
  /** Quiet note after this long without activity (default 30 s). */
  quietAfterMs?: number;
  /** IDLE_TIMEOUT_S: end the turn as done after this long without activity, if no tool is pending. */
  idleTimeoutMs?: number;
  /** MAX_SESSION_DURATION_S: end any turn as interrupted after this long. */
  maxDurationMs?: number;
}

export const QUIET_AFTER_MS = 30_000;

export function tick(view: SessionView, now: number, opts: TickOptions = {}): SessionView {
  if (view.state !== 'active') return view;
  const idleFor = now - view.lastActivityAt;
  if (opts.maxDurationMs !== undefined && now - view.startedAt >= opts.maxDurationMs) {
    return endTurn(view, 'interrupted', now, 'maximum turn duration reached');
  }
  const pending = pendingTool(view);
  // A long-running tool (a 10-minute build) is slow, not finished.
  if (opts.idleTimeoutMs !== undefined && !pending && idleFor >= opts.idleTimeoutMs) {
    return endTurn(view, 'done', view.lastActivityAt);
  }
  if (idleFor < (opts.quietAfterMs ?? QUIET_AFTER_MS)) {
    if (!view.quiet) return view;
    const { quiet: _q, ...rest } = view;
    return rest;
  }
  const quiet = {
    sinceMs: view.lastActivityAt,
    forMs: Math.floor(idleFor / 1000) * 1000,
    doing: pending ? `running ${pending.tool}` : 'waiting for the model',
  };
  const q = view.quiet;
  if (q && q.sinceMs === quiet.sinceMs && q.forMs === quiet.forMs && q.doing === quiet.doing) return view;
  return { ...view, quiet };
}
