// One row of the TUI's session list: the tracker's view of a session (sub-agents nested) plus the
// registry record, which alone knows where the session came from (channel, origin).
import type { SessionRecord, SessionView } from '@livestatus/transcript';

export interface SessionItem {
  key: string;
  view: SessionView;
  record?: SessionRecord;
  /** A live parent box draws this sub-agent: it gets no row of its own. */
  nested?: boolean;
}

/** What the list and the boxes are drawn from: the sessions and the clock reading they were taken at. */
export interface SessionSnapshot {
  now: number;
  items: readonly SessionItem[];
  /** The history present at start has been read (before that the list is still loading). */
  ready: boolean;
  /** The latest non-fatal problem the source reported (torn registry, malformed line...). */
  problem?: string;
}
