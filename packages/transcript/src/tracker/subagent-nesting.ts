// Sub-agents are drawn inside the box of the parent turn that spawned them: which children a turn
// named, the composed box, and which box a session is drawn in.
import { nestSubagents } from '../core/nest.ts';
import type { SessionView } from '../types.ts';
import type { Session, TrackerState } from './tracker-state.ts';

const MAX_NESTING = 5;

/** Re-reads which sub-agents the current turn spawned (after the view changed). */
export function indexChildren(state: TrackerState, s: Session) {
  const keys: string[] = [];
  for (const l of s.view?.lines ?? []) {
    if (l.kind === 'tool' && l.childKey && l.childKey !== s.key && !keys.includes(l.childKey))
      keys.push(l.childKey);
  }
  s.children = keys;
  for (const k of keys) state.parentByChild.set(k, s.key);
}

/** Starts (or clears) the clock of the wait for named sub-agents not shown yet (see `compose`). */
export function markEnd(s: Session, now: number) {
  if (s.view && s.view.state !== 'active') s.endSeenAt ??= now;
  else s.endSeenAt = undefined;
}

/** The box of a session: sub-agents nested; held active while a nested sub-agent still runs. */
export function compose(state: TrackerState, key: string, depth = 0): SessionView | undefined {
  const { sessions } = state;
  const own = sessions.get(key)?.view;
  if (!own || depth > MAX_NESTING) return own;
  const children = new Map<string, SessionView>();
  for (const ck of sessions.get(key)?.children ?? []) {
    const child = compose(state, ck, depth + 1);
    if (child) children.set(ck, child);
  }
  // A child the spawn result named but no source has shown yet is about to start: wait for it.
  const s = sessions.get(key);
  const unseen =
    own.state !== 'active' &&
    s !== undefined &&
    s.children.some((ck) => !children.has(ck)) &&
    state.lastNow - (s.endSeenAt ?? state.lastNow) < state.childWait;
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
export function holder(state: TrackerState, key: string): string | undefined {
  const s = state.sessions.get(key);
  const parentKey = state.parentByChild.get(key) ?? s?.record?.parentKey;
  const parent = parentKey && parentKey !== key ? state.sessions.get(parentKey) : undefined;
  if (!parent?.view || compose(state, parent.key)?.state !== 'active') return undefined;
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

export function boxOwner(state: TrackerState, key: string): string {
  let k = key;
  for (let i = 0; i < MAX_NESTING; i++) {
    const h = holder(state, k);
    if (!h) return k;
    k = h;
  }
  return k;
}
