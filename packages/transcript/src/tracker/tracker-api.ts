// The tracker's public contract, shared by the daemon and the TUI (re-exported by tracker.ts).

import type { TickOptions } from '../core/tick.ts';
import type { Labeler } from '../labels/labeler.ts';
import type { SessionChange, SessionRecord, SessionView } from '../types.ts';

export interface TrackerOptions extends TickOptions {
  labeler: Labeler;
  /** How long a run may look stopped (registry left `running`, lock gone) before its turn is interrupted. Default 5 s. */
  stopGraceMs?: number;
  /** Turns that ended before this time (history read at startup) are tracked but never announced. */
  since?: number;
  /**
   * How long a turn whose sessions_spawn named a sub-agent the sources have not shown yet keeps
   * its box active, waiting for it (the registry names the child a little after the spawn result
   * is written). Default 10 s.
   */
  childWaitMs?: number;
}

export interface TurnEvent {
  type: 'turn-start' | 'turn-update' | 'turn-end';
  key: string;
  turn: number;
  /** The box: the session's view with its sub-agents nested. */
  view: SessionView;
}

export interface TrackedSession {
  key: string;
  record?: SessionRecord;
  /** Composed view (sub-agents nested); undefined until the session did something. */
  view?: SessionView;
  /** Drawn inside its parent's live box: no box of its own. */
  nested: boolean;
}

export interface Tracker {
  /** Apply one source change; `now` (default: the last tick) times registry-driven stops. */
  apply(change: SessionChange, now?: number): TurnEvent[];
  /** Time passes: quiet notes, idle/max-duration ends, stop grace periods. */
  tick(now: number): TurnEvent[];
  /** Ends every live box as interrupted (daemon shutdown). */
  interruptAll(now: number): TurnEvent[];
  sessions(): TrackedSession[];
  /** The composed view of a session's current turn. */
  view(key: string): SessionView | undefined;
  /** What the tracker holds (counts, for tests and health): bounded by the live sessions, not by history. */
  retained(): { sessions: number; boxes: number; seenIds: number; parentLinks: number; turnFloors: number };
}
