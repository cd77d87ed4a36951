import { describe, expect, it } from 'vitest';
import { createTicker, type Scheduler } from './ticker.ts';

// A hand-driven scheduler: the ticker's contract is about how many intervals exist, so the test
// counts them and fires them itself.
function manualScheduler() {
  const live = new Map<number, () => void>();
  let next = 1;
  const scheduler: Scheduler = {
    setInterval(fn) {
      live.set(next, fn);
      return next++;
    },
    clearInterval(h) {
      live.delete(h as number);
    },
  };
  return {
    scheduler,
    live,
    fire: () => {
      for (const f of live.values()) f();
    },
  };
}

describe('createTicker', () => {
  it('runs one interval however many boxes listen, and none when nobody does', () => {
    const m = manualScheduler();
    let t = 0;
    const ticker = createTicker({ now: () => t, scheduler: m.scheduler });
    const seen: number[] = [];
    const offs = Array.from({ length: 50 }, () => ticker.subscribe((now) => seen.push(now)));
    expect(m.live.size).toBe(1);
    t = 1000;
    m.fire();
    expect(seen).toHaveLength(50);
    expect(new Set(seen)).toEqual(new Set([1000]));
    for (const off of offs) off();
    expect(m.live.size).toBe(0);
  });

  it('dispose stops the interval even with listeners left', () => {
    const m = manualScheduler();
    const ticker = createTicker({ now: () => 0, scheduler: m.scheduler });
    ticker.subscribe(() => {});
    ticker.dispose();
    expect(m.live.size).toBe(0);
    expect(ticker.size()).toBe(0);
  });
});
