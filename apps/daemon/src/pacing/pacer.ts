// When may a box send its next update? Pure: leading edge at once, then at most one update per
// throttle window with a trailing flush at the end of the window, terminal states at once.

export interface PacerInput {
  now: number;
  /** When the last update of this box was sent (null: never). */
  lastSentAt: number | null;
  throttleMs: number;
  /** done/error/interrupted, or the first post of a turn: never wait. */
  urgent: boolean;
}

/** The earliest time the box's pending state may go out. */
export function nextSendAt({ now, lastSentAt, throttleMs, urgent }: PacerInput): number {
  if (urgent || lastSentAt === null) return now;
  return Math.max(now, lastSentAt + throttleMs);
}
