// Keeps the tracker bounded by the live sessions, not by history: sessions that left the registry
// are dropped, and only a floor under their turn numbers is kept (itself capped).
import type { Session, TrackerState } from './tracker-state.ts';

const TURN_FLOORS_MAX = 10_000;

/**
 * A session that left the registry (for the grace period: see removedForGood) is dropped once its
 * box has ended (nothing of it is drawn any more); only its turn number stays, so a key that
 * comes back never reuses a (key, turn).
 */
export function forget(state: TrackerState, s: Session) {
  const { sessions, emitted, parentByChild, turnFloors } = state;
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
