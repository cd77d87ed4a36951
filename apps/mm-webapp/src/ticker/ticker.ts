// One clock for every live box on the page: a channel may show dozens of status posts, and a
// timer per post would wake the page dozens of times a second. The interval runs only while
// someone listens.
export interface Scheduler {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface Ticker {
  now(): number;
  subscribe(listener: (now: number) => void): () => void;
  /** Listeners right now (tests, and the lifecycle check in uninitialize). */
  size(): number;
  dispose(): void;
}

export function createTicker(opts: { now: () => number; scheduler: Scheduler; periodMs?: number }): Ticker {
  const listeners = new Set<(now: number) => void>();
  let handle: unknown;
  const stop = () => {
    if (handle !== undefined) opts.scheduler.clearInterval(handle);
    handle = undefined;
  };
  return {
    now: opts.now,
    subscribe(listener) {
      listeners.add(listener);
      if (handle === undefined) {
        handle = opts.scheduler.setInterval(() => {
          const t = opts.now();
          for (const l of [...listeners]) l(t);
        }, opts.periodMs ?? 1000);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    size: () => listeners.size,
    dispose() {
      listeners.clear();
      stop();
    },
  };
}
