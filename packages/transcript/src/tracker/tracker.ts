// The turn logic shared by the daemon and the TUI (design §3), written once: it consumes the
// sources' SessionChanges and the clock's ticks, keeps per session key the latest record and the
// current turn's view, and says when a box starts, changes and ends — so the daemon keeps exactly
// one post per (key, turn). Pure: time only enters through `tick(now)` / `apply(change, now)`.
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
import { nestSubagents } from '../core/nest.ts';
import { noteCompacted, reduce } from '../core/reduce.ts';
import { agentFromKey } from '../core/session-key.ts';
import { type TickOptions, tick as tickView } from '../core/tick.ts';
import { endTurn, initialView, startTurn } from '../core/view.ts';
import type { Labeler } from '../labels/labeler.ts';
import type { SessionChange, SessionRecord, SessionView, TranscriptEntry } from '../types.ts';
import { sameView } from './same-view.ts';

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

interface Session {
  key: string;
  record?: SessionRecord;
  view?: SessionView;
  seen: Set<string>;
  /** Sub-agent keys named by sessions_spawn results of the current turn. */
  children: string[];
  /** When the run was seen to stop (registry left running / lock gone) while the turn was active. */
  stoppedAt?: number;
  removed?: boolean;
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

interface Emitted {
  turn: number;
  ended: boolean;
  view: SessionView;
  /** No box for this turn: drawn inside a parent's box, or history finished before we started. */
  silent?: boolean;
}

const SEEN_MAX = 20_000;
const TURN_FLOORS_MAX = 10_000;
const MAX_NESTING = 5;

export function createTracker(opts: TrackerOptions): Tracker {
  const sessions = new Map<string, Session>();
  const emitted = new Map<string, Emitted>();
  const parentByChild = new Map<string, string>();
  /** Last turn number of forgotten sessions (see `forget`). */
  const turnFloors = new Map<string, number>();
  const ctx = { labeler: opts.labeler };
  const grace = opts.stopGraceMs ?? 5_000;
  const childWait = opts.childWaitMs ?? 10_000;
  let lastNow = opts.since ?? 0;

  const get = (key: string): Session => {
    let s = sessions.get(key);
    if (!s) {
      s = { key, seen: new Set(), children: [], closed: [], closedUpTo: 0 };
      sessions.set(key, s);
    }
    return s;
  };

  function ensureView(s: Session, at: number): SessionView {
    s.view ??= initialView({
      key: s.key,
      sessionId: s.record?.sessionId ?? '',
      agent: s.record?.agent ?? (agentFromKey(s.key) || 'main'),
      ...(s.record?.label ? { label: s.record.label } : {}),
      startedAt: at,
      turn: (turnFloors.get(s.key) ?? 0) + 1,
    });
    return s.view;
  }

  function applyEntries(s: Session, entries: TranscriptEntry[]) {
    for (const e of entries) {
      if (e.type !== 'session' && s.seen.has(e.id)) continue;
      if (e.type !== 'session' && e.timestamp > 0 && e.timestamp <= s.closedUpTo) continue;
      let v = s.view ?? (isActivity(e) ? ensureView(s, e.timestamp || lastNow) : undefined);
      // A box opened by the registry before any entry took the record's startedAt; an entry older
      // than that proves the start belongs to a later run (a registry entry holds only its last
      // run: the replayed 7.35 spawn turn showed the announce run's start and ended at "0s").
      if (
        v?.state === 'active' &&
        v.lines.length === 0 &&
        isActivity(e) &&
        e.timestamp > 0 &&
        e.timestamp < v.startedAt
      )
        v = { ...v, startedAt: e.timestamp, lastActivityAt: e.timestamp };
      if (v) setView(s, reduce(v, e, ctx));
      // After the view moved on: an entry that opened the next turn is that turn's.
      if (e.type !== 'session') remember(s.seen, e.id);
    }
  }

  /** Every turn change goes through here, so the turn it leaves keeps its own final box. */
  function setView(s: Session, next: SessionView) {
    const prev = s.view;
    if (prev && next.turn !== prev.turn) {
      indexChildren(s);
      const box = compose(s.key) ?? prev;
      // The box of a finished turn is final even if a sub-agent it drew was still running.
      s.closed.push(box.state === 'active' && prev.state !== 'active' ? { ...box, state: prev.state } : box);
      s.children = [];
      s.endSeenAt = undefined;
      // Only the current turn's entry ids are kept; older ones are recognised by their time.
      s.closedUpTo = Math.max(s.closedUpTo, prev.lastActivityAt, prev.endedAt ?? 0);
      s.seen = new Set();
    }
    s.view = next;
  }

  function applyRecord(s: Session, record: SessionRecord, now: number) {
    const prev = s.record;
    s.record = record;
    if (prev && prev.sessionId !== record.sessionId) {
      s.seen = new Set();
      s.closedUpTo = 0;
    }
    const started = record.startedAt ?? record.updatedAt ?? now;
    if (record.status === 'running') {
      s.stoppedAt = undefined;
      const v = s.view;
      // The seed's reactivation rule: running and started after the last completion. Only news
      // counts: every change carries the record, and one already seen while the turn ran is no
      // sign of a new run even if its startedAt is later (a registry entry holds its last run).
      const news = prev?.status !== 'running' || prev.startedAt !== record.startedAt;
      if (!v) ensureView(s, started);
      else if (news && v.state !== 'active' && started > (v.endedAt ?? v.startedAt))
        setView(s, startTurn(v, started));
    } else if (prev?.status === 'running' && s.view?.state === 'active') {
      s.stoppedAt ??= record.endedAt ?? now;
    }
    if (s.view) {
      const label = record.label || s.view.agent;
      if (s.view.label !== label || s.view.sessionId !== record.sessionId) {
        s.view = { ...s.view, label, sessionId: record.sessionId };
      }
    }
  }

  function applyWriter(s: Session, active: boolean, now: number) {
    if (active) {
      s.stoppedAt = undefined;
      // The lock is the earliest sign of a session's first run. After a completed turn it is not
      // a sign of a new one: a lock event that arrives late (the source handles file events
      // asynchronously; 100 sessions ending at once reported a lock after its removal) would open
      // a turn that never happens. The next run's `running` record or first entry starts it.
      if (!s.view) ensureView(s, now);
    } else if (s.view?.state === 'active') {
      s.stoppedAt ??= now;
    }
  }

  /** A stopped run whose final entry never came: after the grace period its turn ends. */
  function settleStop(s: Session, now: number) {
    const v = s.view;
    if (!v || v.state !== 'active' || s.stoppedAt === undefined) return;
    if ((s.record?.status === 'running' && !s.removed) || now - s.stoppedAt < grace) return;
    const status = s.record?.status;
    s.view =
      status === 'failed' || status === 'timeout'
        ? endTurn(v, 'error', s.stoppedAt, status === 'failed' ? 'run failed' : 'run timed out')
        : endTurn(v, 'interrupted', s.stoppedAt);
    s.stoppedAt = undefined;
  }

  function markEnd(s: Session, now: number) {
    if (s.view && s.view.state !== 'active') s.endSeenAt ??= now;
    else s.endSeenAt = undefined;
  }

  /** Re-reads which sub-agents the current turn spawned (after the view changed). */
  function indexChildren(s: Session) {
    const keys: string[] = [];
    for (const l of s.view?.lines ?? []) {
      if (l.kind === 'tool' && l.childKey && l.childKey !== s.key && !keys.includes(l.childKey))
        keys.push(l.childKey);
    }
    s.children = keys;
    for (const k of keys) parentByChild.set(k, s.key);
  }

  /** The box of a session: sub-agents nested; held active while a nested sub-agent still runs. */
  function compose(key: string, depth = 0): SessionView | undefined {
    const own = sessions.get(key)?.view;
    if (!own || depth > MAX_NESTING) return own;
    const children = new Map<string, SessionView>();
    for (const ck of sessions.get(key)?.children ?? []) {
      const child = compose(ck, depth + 1);
      if (child) children.set(ck, child);
    }
    // A child the spawn result named but no source has shown yet is about to start: wait for it.
    const s = sessions.get(key);
    const unseen =
      own.state !== 'active' &&
      s !== undefined &&
      s.children.some((ck) => !children.has(ck)) &&
      lastNow - (s.endSeenAt ?? lastNow) < childWait;
    if (children.size === 0 && !unseen) return own;
    let view = nestSubagents(own, children);
    const running = unseen || [...children.values()].some((c) => c.state === 'active');
    if (own.state !== 'active' && running) {
      const { endedAt: _e, ...rest } = view;
      view = { ...rest, state: 'active' };
    } else if (own.state !== 'active') {
      const last = Math.max(own.endedAt ?? 0, ...[...children.values()].map((c) => c.endedAt ?? 0));
      if (last !== own.endedAt) view = { ...view, endedAt: last };
    }
    return view;
  }

  /** Parent whose box currently holds this session (a tracked parent whose box is live). */
  function holder(key: string): string | undefined {
    const s = sessions.get(key);
    const parentKey = parentByChild.get(key) ?? s?.record?.parentKey;
    const parent = parentKey && parentKey !== key ? sessions.get(parentKey) : undefined;
    if (!parent?.view || compose(parent.key)?.state !== 'active') return undefined;
    // Spawned by the parent's current turn: named by its spawn result, or (before that result is
    // read) a sub-agent of the parent that started during this turn.
    const named = parent.children.includes(key);
    // Before any of the parent's entries is read its start is the registry's, which may be a later
    // run's (the record holds only the last one): then "this turn" is everything after the turns
    // already closed.
    const turnStart = parent.view.lines.length === 0 ? parent.closedUpTo : parent.view.startedAt;
    const startedNow = s?.record?.parentKey === parent.key && (s.view?.startedAt ?? 0) >= turnStart;
    return named || startedNow ? parent.key : undefined;
  }

  function boxOwner(key: string): string {
    let k = key;
    for (let i = 0; i < MAX_NESTING; i++) {
      const h = holder(k);
      if (!h) return k;
      k = h;
    }
    return k;
  }

  /**
   * A session that left the registry is dropped once its box has ended (nothing of it is drawn
   * any more); only its turn number stays, so a key that comes back never reuses a (key, turn).
   */
  function forget(s: Session) {
    const e = emitted.get(s.key);
    if (s.view?.state === 'active' || (e && !e.ended)) return;
    // A sub-agent drawn in its parent's current box stays while that box may still show it.
    for (const o of sessions.values()) if (o.children.includes(s.key)) return;
    sessions.delete(s.key);
    emitted.delete(s.key);
    parentByChild.delete(s.key);
    for (const ck of s.children) if (parentByChild.get(ck) === s.key) parentByChild.delete(ck);
    const turn = Math.max(s.view?.turn ?? 0, e?.turn ?? 0);
    if (turn > 0) {
      turnFloors.delete(s.key);
      turnFloors.set(s.key, turn);
      // Insertion order: the oldest forgotten keys go first.
      for (const k of turnFloors.keys()) {
        if (turnFloors.size <= TURN_FLOORS_MAX) break;
        turnFloors.delete(k);
      }
    }
  }

  /** Turns that ended and were followed by another within one change: each ends with its own box. */
  function closeTurns(key: string, events: TurnEvent[]) {
    const s = sessions.get(key);
    if (!s || s.closed.length === 0) return;
    const closed = s.closed;
    s.closed = [];
    if (holder(key)) return; // drawn in a parent's box: no box of its own
    for (const view of closed) {
      const prev = emitted.get(key);
      const history = opts.since !== undefined && (view.endedAt ?? 0) < opts.since;
      if (prev && prev.turn > view.turn) continue;
      if (prev?.turn === view.turn) {
        if (!prev.ended && !prev.silent) events.push({ type: 'turn-end', key, turn: view.turn, view });
        else if (!prev.silent && !sameView(prev.view, view))
          events.push({ type: 'turn-update', key, turn: view.turn, view });
      } else if (!history) {
        if (prev && !prev.ended && !prev.silent)
          events.push({
            type: 'turn-end',
            key,
            turn: prev.turn,
            view: endTurn(prev.view, 'interrupted', view.startedAt),
          });
        events.push({ type: 'turn-start', key, turn: view.turn, view });
        events.push({ type: 'turn-end', key, turn: view.turn, view });
      }
      emitted.set(key, {
        turn: view.turn,
        ended: true,
        view,
        ...(prev?.silent || history ? { silent: true } : {}),
      });
    }
  }

  function emit(keys: Iterable<string>): TurnEvent[] {
    const events: TurnEvent[] = [];
    const owners = new Set<string>();
    for (const k of keys) {
      owners.add(k);
      owners.add(boxOwner(k));
    }
    for (const key of owners) {
      const box = compose(key);
      if (!box) continue;
      closeTurns(key, events);
      const prev = emitted.get(key);
      if (holder(key)) {
        emitted.set(key, { turn: box.turn, ended: true, view: box, silent: true });
        continue;
      }
      if (prev?.silent && prev.turn === box.turn) {
        emitted.set(key, { ...prev, view: box });
        continue;
      }
      const ended = box.state !== 'active';
      if (!prev || prev.turn !== box.turn) {
        if (prev && !prev.ended)
          events.push({
            type: 'turn-end',
            key,
            turn: prev.turn,
            view: endTurn(prev.view, 'interrupted', box.startedAt),
          });
        // History read at startup: finished before we started, so nobody waits for its box.
        const history = ended && opts.since !== undefined && (box.endedAt ?? 0) < opts.since;
        emitted.set(key, { turn: box.turn, ended, view: box, ...(history ? { silent: true } : {}) });
        if (history) continue;
        events.push({ type: 'turn-start', key, turn: box.turn, view: box });
        if (ended) events.push({ type: 'turn-end', key, turn: box.turn, view: box });
      } else if (!sameView(prev.view, box)) {
        events.push({
          type: !prev.ended && ended ? 'turn-end' : 'turn-update',
          key,
          turn: box.turn,
          view: box,
        });
        emitted.set(key, { turn: box.turn, ended: prev.ended || ended, view: box });
      }
    }
    return events;
  }

  return {
    apply(change, now) {
      const t = now ?? lastNow;
      lastNow = Math.max(lastNow, t);
      const s = get(change.key);
      // The record first: it says which run the entries belong to (a rotation resets de-dup, a
      // new run's `running` opens its box), and entries older than its start correct it.
      if (change.record) applyRecord(s, change.record, t);
      applyEntries(s, change.entries);
      if (change.rewritten && s.view)
        s.view = noteCompacted(s.view, s.view.lastActivityAt, `rewrite:${s.view.compactions}`);
      if (change.writerActive !== undefined) applyWriter(s, change.writerActive, t);
      if (change.removed) {
        // Like any stop, after the grace period: a registry version that misses a key for a moment
        // (a stale concurrent write landing last) must not end its turn, nor start a turn 2 when
        // the key is back in the next version (seen under 100 sessions starting at once).
        s.removed = true;
        if (s.view?.state === 'active') s.stoppedAt ??= t;
      } else if (s.removed) {
        s.removed = undefined;
      }
      indexChildren(s);
      markEnd(s, t);
      const keys = [change.key];
      if (s.record?.parentKey) keys.push(s.record.parentKey);
      const events = emit(keys);
      if (s.removed) forget(s);
      return events;
    },
    tick(now) {
      lastNow = Math.max(lastNow, now);
      const changed: string[] = [];
      for (const s of sessions.values()) {
        // A finished turn still waiting for a sub-agent it named: the wait may have run out.
        if (
          s.view &&
          s.view.state !== 'active' &&
          s.children.length > 0 &&
          emitted.get(s.key)?.ended === false
        )
          changed.push(s.key);
        if (!s.view || s.view.state !== 'active') continue;
        const before = s.view;
        settleStop(s, now);
        if (s.view.state === 'active') s.view = tickView(s.view, now, opts);
        if (s.view !== before) {
          indexChildren(s);
          markEnd(s, now);
          changed.push(s.key);
        }
      }
      const events = emit(changed);
      for (const key of changed) {
        const s = sessions.get(key);
        if (s?.removed) forget(s);
      }
      return events;
    },
    interruptAll(now) {
      const events: TurnEvent[] = [];
      for (const [key, e] of emitted) {
        if (e.ended) continue;
        const view = endTurn(e.view, 'interrupted', now);
        emitted.set(key, { ...e, ended: true, view });
        events.push({ type: 'turn-end', key, turn: e.turn, view });
      }
      return events;
    },
    sessions() {
      const out: TrackedSession[] = [];
      for (const s of sessions.values()) {
        if (s.removed) continue;
        const view = compose(s.key);
        out.push({
          key: s.key,
          ...(s.record ? { record: s.record } : {}),
          ...(view ? { view } : {}),
          nested: holder(s.key) !== undefined,
        });
      }
      return out;
    },
    view: (key) => compose(key),
    retained() {
      let seenIds = 0;
      for (const s of sessions.values()) seenIds += s.seen.size;
      return {
        sessions: sessions.size,
        boxes: emitted.size,
        seenIds,
        parentLinks: parentByChild.size,
        turnFloors: turnFloors.size,
      };
    },
  };
}

/** Entries that mean a run is doing something (headers and bookkeeping records do not). */
function isActivity(e: TranscriptEntry): boolean {
  return e.type === 'message' && (e.message.role === 'user' || e.message.role === 'assistant');
}

function remember(seen: Set<string>, id: string) {
  seen.add(id);
  if (seen.size > SEEN_MAX) {
    // Sets iterate in insertion order: forget the oldest half.
    let drop = seen.size - SEEN_MAX / 2;
    for (const old of seen) {
      if (drop-- <= 0) break;
      seen.delete(old);
    }
  }
}
