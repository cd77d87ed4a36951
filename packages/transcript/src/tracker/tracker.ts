// The turn logic shared by the daemon and the TUI (design §3), written once: it consumes the
// sources' SessionChanges and the clock's ticks, keeps per session key the latest record and the
// current turn's view, and says when a box starts, changes and ends — so the daemon keeps exactly
// one post per (key, turn). Pure: time only enters through `tick(now)` / `apply(change, now)`.
//
// This module only wires the parts (each keyed by session key, see tracker-state.ts):
// run-status / transcript-entries feed a session's view, subagent-nesting composes boxes,
// turn-events announces them, forget-session drops sessions that left the registry.
import { noteCompacted } from '../core/reduce.ts';
import { tick as tickView } from '../core/tick.ts';
import { forget } from './forget-session.ts';
import { applyRecord, applyRemoved, applyWriter, removedForGood, settleStop } from './run-status.ts';
import { compose, holder, indexChildren, markEnd } from './subagent-nesting.ts';
import type { TrackedSession, Tracker, TrackerOptions } from './tracker-api.ts';
import { createTrackerState, getSession } from './tracker-state.ts';
import { applyEntries } from './transcript-entries.ts';
import { emit, interruptAll } from './turn-events.ts';

export type { TrackedSession, Tracker, TrackerOptions, TurnEvent } from './tracker-api.ts';

export function createTracker(opts: TrackerOptions): Tracker {
  const state = createTrackerState(opts);
  const { sessions, emitted, parentByChild, turnFloors } = state;

  return {
    apply(change, now) {
      const t = now ?? state.lastNow;
      state.lastNow = Math.max(state.lastNow, t);
      const s = getSession(state, change.key);
      // The record first: it says which run the entries belong to (a rotation resets de-dup, a
      // new run's `running` opens its box), and entries older than its start correct it.
      if (change.record) applyRecord(state, s, change.record, t);
      applyEntries(state, s, change.entries);
      if (change.rewritten && s.view)
        s.view = noteCompacted(s.view, s.view.lastActivityAt, `rewrite:${s.view.compactions}`);
      if (change.writerActive !== undefined) applyWriter(state, s, change.writerActive, t);
      applyRemoved(s, change.removed, t);
      indexChildren(state, s);
      markEnd(s, t);
      const keys = [change.key];
      if (s.record?.parentKey) keys.push(s.record.parentKey);
      return emit(state, keys);
    },
    tick(now) {
      state.lastNow = Math.max(state.lastNow, now);
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
        settleStop(state, s, now);
        if (s.view.state === 'active') s.view = tickView(s.view, now, opts);
        if (s.view !== before) {
          indexChildren(state, s);
          markEnd(s, now);
          changed.push(s.key);
        }
      }
      const events = emit(state, changed);
      for (const s of sessions.values()) if (removedForGood(state, s, now)) forget(state, s);
      return events;
    },
    interruptAll: (now) => interruptAll(state, now),
    sessions() {
      const out: TrackedSession[] = [];
      for (const s of sessions.values()) {
        if (s.removedAt !== undefined) continue;
        const view = compose(state, s.key);
        out.push({
          key: s.key,
          ...(s.record ? { record: s.record } : {}),
          ...(view ? { view } : {}),
          nested: holder(state, s.key) !== undefined,
        });
      }
      return out;
    },
    view: (key) => compose(state, key),
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
