// Whether a session's run is going, from the registry record, the transcript lock and the key
// leaving the registry: a new run opens a turn; a stopped run whose final entry never came ends
// its turn after a grace period.
import { endTurn, startTurn } from '../core/view.ts';
import type { SessionRecord } from '../types.ts';
import { ensureView, type Session, type TrackerState } from './tracker-state.ts';
import { setView } from './turn-change.ts';

export function applyRecord(state: TrackerState, s: Session, record: SessionRecord, now: number) {
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
    if (!v) ensureView(state, s, started);
    else if (news && v.state !== 'active' && started > (v.endedAt ?? v.startedAt))
      setView(state, s, startTurn(v, started));
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

export function applyWriter(state: TrackerState, s: Session, active: boolean, now: number) {
  if (active) {
    s.stoppedAt = undefined;
    // The lock is the earliest sign of a session's first run. After a completed turn it is not
    // a sign of a new one: a lock event that arrives late (the source handles file events
    // asynchronously; 100 sessions ending at once reported a lock after its removal) would open
    // a turn that never happens. The next run's `running` record or first entry starts it.
    if (!s.view) ensureView(state, s, now);
  } else if (s.view?.state === 'active') {
    s.stoppedAt ??= now;
  }
}

export function applyRemoved(s: Session, removed: boolean | undefined, now: number) {
  if (removed) {
    // Like any stop, after the grace period: a registry version that misses a key for a moment
    // (a stale concurrent write landing last) must not end its turn, nor start a turn 2 when
    // the key is back in the next version (seen under 100 sessions starting at once). Nor may
    // it forget a turn that already ended: the key back would be a new session, its transcript
    // re-read a turn 2 (soak: 1 phantom box in ~2000 turns, when the daemon lagged).
    s.removedAt ??= now;
    if (s.view?.state === 'active') s.stoppedAt ??= now;
  } else {
    s.removedAt = undefined;
  }
}

/** Out of the registry for the whole grace period: gone for good. */
export function removedForGood(state: TrackerState, s: Session, now: number): boolean {
  return s.removedAt !== undefined && now - s.removedAt >= state.grace;
}

/** A stopped run whose final entry never came: after the grace period its turn ends. */
export function settleStop(state: TrackerState, s: Session, now: number) {
  const v = s.view;
  if (!v || v.state !== 'active' || s.stoppedAt === undefined) return;
  if ((s.record?.status === 'running' && s.removedAt === undefined) || now - s.stoppedAt < state.grace)
    return;
  const status = s.record?.status;
  s.view =
    status === 'failed' || status === 'timeout'
      ? endTurn(v, 'error', s.stoppedAt, status === 'failed' ? 'run failed' : 'run timed out')
      : endTurn(v, 'interrupted', s.stoppedAt);
  s.stoppedAt = undefined;
}
