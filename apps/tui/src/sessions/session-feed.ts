// Adapts a live SessionSource and the shared tracker to snapshots the UI can draw. Bursts of
// changes (a registry rewrite plus a dozen transcript lines) are coalesced into one snapshot per
// frame, and a slow tick advances the clock of running turns, so the terminal redraws at most
// once per frame however busy the agents are. Clock and timers are injected.
import type {
  SessionChange,
  SessionRecord,
  SessionSource,
  SessionView,
  SourceClock,
} from '@livestatus/transcript';
import type { SessionItem, SessionSnapshot } from './session-item.ts';

/** The part of `createTracker` the feed relies on. */
export interface FeedTracker {
  apply(change: SessionChange, now?: number): unknown;
  tick(now: number): unknown;
  /** Every tracked session: its record, its current turn (sub-agents nested), and whether a live parent box draws it. */
  sessions(): Array<{ key: string; record?: SessionRecord; view?: SessionView; nested: boolean }>;
}

export interface SessionFeedOptions {
  source: SessionSource;
  tracker: FeedTracker;
  /** Clock and timers (the source's clock type: production passes the system clock). */
  clock: SourceClock;
  /** Changes arriving within this window become one snapshot. Default 50 ms. */
  frameMs?: number;
  /** How often running turns' clocks advance on screen. Default 1000 ms. */
  tickMs?: number;
}

export interface SessionFeed {
  /** Starts the source; resolves once the history present at start is in the snapshot. */
  start(): Promise<void>;
  close(): Promise<void>;
  snapshot(): SessionSnapshot;
  /** Called with each new snapshot, at most once per frame. */
  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void;
}

export function createSessionFeed(options: SessionFeedOptions): SessionFeed {
  const { source, tracker, clock } = options;
  const now = () => clock.now();
  const frameMs = options.frameMs ?? 50;
  const tickMs = options.tickMs ?? 1000;
  const listeners = new Set<(s: SessionSnapshot) => void>();
  let current: SessionSnapshot = { now: now(), items: [], ready: false };
  let problem: string | undefined;
  let ready = false;
  let closed = false;
  let frame: unknown;
  let ticker: unknown;
  const unsubscribers: Array<() => void> = [];

  function onChange(change: SessionChange): void {
    try {
      tracker.apply(change, now());
    } catch (err) {
      // One bad change must not take the whole view down; it is reported in the header.
      problem = `could not apply a change of ${change.key}: ${(err as Error).message}`;
    }
    scheduleFrame();
  }

  function scheduleFrame(): void {
    if (closed || !ready || frame !== undefined) return;
    frame = clock.setTimeout(() => {
      frame = undefined;
      publish();
    }, frameMs);
  }

  function build(at: number): SessionSnapshot {
    const items: SessionItem[] = [];
    for (const s of tracker.sessions()) {
      if (s.view === undefined) continue;
      const item: SessionItem = { key: s.key, view: s.view, nested: s.nested };
      if (s.record !== undefined) item.record = s.record;
      items.push(item);
    }
    const snap: SessionSnapshot = { now: at, items, ready };
    if (problem !== undefined) snap.problem = problem;
    return snap;
  }

  function publish(): void {
    current = build(now());
    for (const l of listeners) l(current);
  }

  function scheduleTick(): void {
    if (closed) return;
    ticker = clock.setTimeout(() => {
      ticker = undefined;
      const at = now();
      tracker.tick(at);
      // An idle list has nothing whose clock moves: do not redraw it.
      const live = current.items.some((i) => i.view.state === 'active');
      if (live && frame === undefined) publish();
      scheduleTick();
    }, tickMs);
  }

  return {
    async start() {
      unsubscribers.push(source.onChange(onChange));
      unsubscribers.push(
        source.onProblem((p) => {
          problem = p.path ? `${p.message} (${p.path})` : p.message;
          scheduleFrame();
        }),
      );
      await source.start();
      if (closed) return;
      tracker.tick(now());
      ready = true;
      publish();
      scheduleTick();
    },
    async close() {
      closed = true;
      if (frame !== undefined) clock.clearTimeout(frame);
      if (ticker !== undefined) clock.clearTimeout(ticker);
      frame = ticker = undefined;
      for (const u of unsubscribers.splice(0)) u();
      listeners.clear();
      await source.close();
    },
    snapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
