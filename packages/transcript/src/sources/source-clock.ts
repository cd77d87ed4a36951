// The clock and timers a source uses for its decisions (debounce, poll interval, retry backoff),
// injected so tests can drive them; production uses the real ones.

export interface SourceClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SourceClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function sleep(clock: SourceClock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

/** Trailing-edge debounce: `fn` runs once, `ms` after the last `trigger`. */
export function createDebouncer(clock: SourceClock, ms: number, fn: () => void) {
  let handle: unknown;
  return {
    trigger() {
      if (handle !== undefined) clock.clearTimeout(handle);
      handle = clock.setTimeout(() => {
        handle = undefined;
        fn();
      }, ms);
    },
    cancel() {
      if (handle !== undefined) clock.clearTimeout(handle);
      handle = undefined;
    },
  };
}
