import { describe, expect, it } from 'vitest';
import { block, initialRate, take } from './rate-window.ts';

const opts = { perSecond: 10, burst: 2 };

describe('rate window', () => {
  it('allows a burst then spaces requests at the steady rate', () => {
    let s = initialRate(0, opts);
    const a = take(s, 0, opts);
    expect(a.ok).toBe(true);
    s = a.next;
    const b = take(s, 0, opts);
    expect(b.ok).toBe(true);
    s = b.next;
    const c = take(s, 0, opts);
    expect(c).toMatchObject({ ok: false, retryAt: 100 });
    expect(take(c.next, 100, opts).ok).toBe(true);
  });

  it('sends nothing inside a Retry-After window, then resumes', () => {
    const s = block(initialRate(0, opts), 1000, 3000);
    expect(take(s, 1000, opts)).toMatchObject({ ok: false, retryAt: 4000 });
    expect(take(s, 3999, opts).ok).toBe(false);
    expect(take(s, 4100, opts).ok).toBe(true);
  });

  it('a shorter second 429 never shortens the window', () => {
    const s = block(block(initialRate(0, opts), 0, 5000), 100, 1000);
    expect(s.blockedUntil).toBe(5000);
  });
});
