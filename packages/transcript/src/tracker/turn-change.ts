// A session's view moves to its next turn only through `setView`, so the turn it leaves is
// closed in one place: its final box kept for its own end, its per-turn bookkeeping reset.
import type { SessionView } from '../types.ts';
import { compose, indexChildren } from './subagent-nesting.ts';
import type { Session, TrackerState } from './tracker-state.ts';

/** Every turn change goes through here, so the turn it leaves keeps its own final box. */
export function setView(state: TrackerState, s: Session, next: SessionView) {
  const prev = s.view;
  if (prev && next.turn !== prev.turn) {
    indexChildren(state, s);
    const box = compose(state, s.key) ?? prev;
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
