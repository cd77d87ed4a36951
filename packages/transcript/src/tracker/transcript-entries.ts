// Transcript entries into a session's view: de-duplicated (a re-read brings entries again), and
// the first activity opens the session's box.
import { reduce } from '../core/reduce.ts';
import type { TranscriptEntry } from '../types.ts';
import { ensureView, type Session, type TrackerState } from './tracker-state.ts';
import { setView } from './turn-change.ts';

const SEEN_MAX = 20_000;

export function applyEntries(state: TrackerState, s: Session, entries: TranscriptEntry[]) {
  for (const e of entries) {
    if (e.type !== 'session' && s.seen.has(e.id)) continue;
    if (e.type !== 'session' && e.timestamp > 0 && e.timestamp <= s.closedUpTo) continue;
    let v = s.view ?? (isActivity(e) ? ensureView(state, s, e.timestamp || state.lastNow) : undefined);
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
    if (v) setView(state, s, reduce(v, e, state.ctx));
    // After the view moved on: an entry that opened the next turn is that turn's.
    if (e.type !== 'session') remember(s.seen, e.id);
  }
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
