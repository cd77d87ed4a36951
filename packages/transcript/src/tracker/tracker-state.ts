// What the tracker keeps: per session key the latest record and the current turn's view, per key
// the last box announced, who spawned whom, and the turn numbers of forgotten keys. Every other
// tracker module works on this one state object.
//
// Sessions are keyed by session key alone, not (agent, key), on purpose: (key, turn) is the box
// identity the daemon persists and resumes after a restart, and `view(key)` is how the TUI and
// `render <sessionKey>` name a session. OpenClaw keys carry their agent (`agent:<a>:…`, written
// only under `agents/<a>/`, one era per agent folder: discovery picks the DB over an old
// sessions.json), so keys only repeat across folders when a state dir holds copies (the demo's
// SQLite runs reuse the JSONL runs' keys in other folders). Such a key is one session here whose
// runs follow each other: another run's sessionId resets de-duplication and its turns continue the
// numbering, so (key, turn) never names another run's box. Two copies running at the same moment
// would share a box; keying by agent would need the daemon's box identity to change with it.
import type { ReduceContext } from '../core/reduce.ts';
import { agentFromKey } from '../core/session-key.ts';
import { initialView } from '../core/view.ts';
import type { SessionRecord, SessionView } from '../types.ts';
import type { TrackerOptions } from './tracker-api.ts';

export interface Session {
  key: string;
  record?: SessionRecord;
  view?: SessionView;
  seen: Set<string>;
  /** Sub-agent keys named by sessions_spawn results of the current turn. */
  children: string[];
  /** When the run was seen to stop (registry left running / lock gone) while the turn was active. */
  stoppedAt?: number;
  /**
   * Since when the key is missing from the registry (unset while it is in it); it is forgotten a
   * grace period later.
   */
  removedAt?: number;
  /**
   * Final boxes of turns that ended and were followed by the next turn within the change being
   * applied (a spawn turn's end and the announce turn read together): each still gets its own
   * end — not an `interrupted` end made from the last view announced. Emptied by every emit.
   */
  closed: SessionView[];
  /** Tracker time at which the current turn was seen ended (times the wait for unseen sub-agents). */
  endSeenAt?: number;
  /**
   * Entries up to this time belong to turns already closed: a re-read after a rewrite may bring
   * them again, and they are skipped without keeping their ids (`seen` holds the current turn's).
   */
  closedUpTo: number;
}

export interface Emitted {
  turn: number;
  ended: boolean;
  view: SessionView;
  /** No box for this turn: drawn inside a parent's box, or history finished before we started. */
  silent?: boolean;
}

export interface TrackerState {
  readonly opts: TrackerOptions;
  readonly ctx: ReduceContext;
  readonly grace: number;
  readonly childWait: number;
  readonly sessions: Map<string, Session>;
  readonly emitted: Map<string, Emitted>;
  readonly parentByChild: Map<string, string>;
  /** Last turn number of forgotten sessions (see `forget`). */
  readonly turnFloors: Map<string, number>;
  lastNow: number;
}

export function createTrackerState(opts: TrackerOptions): TrackerState {
  return {
    opts,
    ctx: { labeler: opts.labeler },
    grace: opts.stopGraceMs ?? 5_000,
    childWait: opts.childWaitMs ?? 10_000,
    sessions: new Map(),
    emitted: new Map(),
    parentByChild: new Map(),
    turnFloors: new Map(),
    lastNow: opts.since ?? 0,
  };
}

export function getSession(state: TrackerState, key: string): Session {
  let s = state.sessions.get(key);
  if (!s) {
    s = { key, seen: new Set(), children: [], closed: [], closedUpTo: 0 };
    state.sessions.set(key, s);
  }
  return s;
}

export function ensureView(state: TrackerState, s: Session, at: number): SessionView {
  s.view ??= initialView({
    key: s.key,
    sessionId: s.record?.sessionId ?? '',
    agent: s.record?.agent ?? (agentFromKey(s.key) || 'main'),
    ...(s.record?.label ? { label: s.record.label } : {}),
    startedAt: at,
    turn: (state.turnFloors.get(s.key) ?? 0) + 1,
  });
  return s.view;
}
