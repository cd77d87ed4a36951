// A feed the test drives by hand: it publishes exactly the snapshots the test pushes.
import type { SessionFeed } from '../../src/sessions/session-feed.ts';
import type { SessionItem, SessionSnapshot } from '../../src/sessions/session-item.ts';

export interface ManualFeed extends Pick<SessionFeed, 'snapshot' | 'subscribe'> {
  push(items: readonly SessionItem[], now: number, problem?: string): void;
}

export function manualFeed(items: readonly SessionItem[], now: number): ManualFeed {
  let current: SessionSnapshot = { items, now, ready: true };
  const listeners = new Set<(s: SessionSnapshot) => void>();
  return {
    snapshot: () => current,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    push(next, at, problem) {
      current = { items: next, now: at, ready: true, ...(problem !== undefined ? { problem } : {}) };
      for (const l of listeners) l(current);
    },
  };
}
