// What one agent's follower (JSONL era or SQLite era) needs from the combined source, and what it
// offers back. The combined source owns the listeners and the counters.
import type { ParseResult, SessionChange, SessionRecord } from '../types.ts';
import type { SourceClock } from './source-clock.ts';

export interface AgentSourceContext {
  emit(change: SessionChange): void;
  problem(message: string, path?: string): void;
  countBytes(n: number): void;
  countMalformed(n: number): void;
  clock: SourceClock;
}

export interface AgentSource {
  readonly agent: string;
  readonly era: 'jsonl' | 'sqlite';
  /** Files or databases followed. */
  readonly paths: string[];
  start(): Promise<void>;
  close(): Promise<void>;
  /** Sessions currently followed. */
  tracked(): number;
}

/** How much history a follower reads when it starts (never whole histories). */
export interface StartupWindow {
  /** Sessions updated within this many ms (or marked running) are followed; others only reported. */
  recentWindowMs: number;
  /** JSONL: at most this many trailing bytes of a transcript at startup or after a rewrite. */
  maxInitialBytes: number;
  /** SQLite: at most this many trailing rows of a session at startup. */
  maxInitialRows: number;
}

export type ParseEntry = (line: string) => ParseResult;

export function isRecent(record: SessionRecord, now: number, window: StartupWindow): boolean {
  if (record.status === 'running') return true;
  const last = Math.max(record.updatedAt ?? 0, record.endedAt ?? 0, record.startedAt ?? 0);
  return last >= now - window.recentWindowMs;
}

/** Cheap structural equality for records (small plain JSON). */
export function sameRecord(a: SessionRecord | undefined, b: SessionRecord): boolean {
  // The JSONL registry reader hands back the same object for an entry that did not change.
  return a === b || (a !== undefined && JSON.stringify(a) === JSON.stringify(b));
}
