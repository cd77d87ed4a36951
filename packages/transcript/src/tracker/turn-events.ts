// What the hosts are told: compares each box with the last one announced for its key and emits
// turn-start / turn-update / turn-end, so the daemon keeps exactly one post per (key, turn).
import { endTurn } from '../core/view.ts';
import { sameView } from './same-view.ts';
import { boxOwner, compose, holder } from './subagent-nesting.ts';
import type { TurnEvent } from './tracker-api.ts';
import type { TrackerState } from './tracker-state.ts';

export function emit(state: TrackerState, keys: Iterable<string>): TurnEvent[] {
  const { emitted, opts } = state;
  const events: TurnEvent[] = [];
  const owners = new Set<string>();
  for (const k of keys) {
    owners.add(k);
    owners.add(boxOwner(state, k));
  }
  for (const key of owners) {
    const box = compose(state, key);
    if (!box) continue;
    closeTurns(state, key, events);
    const prev = emitted.get(key);
    if (holder(state, key)) {
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

/** Turns that ended and were followed by another within one change: each ends with its own box. */
function closeTurns(state: TrackerState, key: string, events: TurnEvent[]) {
  const { emitted, opts } = state;
  const s = state.sessions.get(key);
  if (!s || s.closed.length === 0) return;
  const closed = s.closed;
  s.closed = [];
  if (holder(state, key)) return; // drawn in a parent's box: no box of its own
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

export function interruptAll(state: TrackerState, now: number): TurnEvent[] {
  const events: TurnEvent[] = [];
  for (const [key, e] of state.emitted) {
    if (e.ended) continue;
    const view = endTurn(e.view, 'interrupted', now);
    state.emitted.set(key, { ...e, ended: true, view });
    events.push({ type: 'turn-end', key, turn: e.turn, view });
  }
  return events;
}
