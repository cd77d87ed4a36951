import { describe, expect, it } from 'vitest';
import { admit, closedBreaker, onFailure, onSuccess } from './circuit-breaker.ts';

const opts = { threshold: 3, cooldownMs: 30_000 };

describe('circuit breaker', () => {
  it('opens after the threshold of consecutive failures', () => {
    let b = closedBreaker;
    b = onFailure(b, 1, opts);
    b = onFailure(b, 2, opts);
    expect(b.state).toBe('closed');
    b = onFailure(b, 3, opts);
    expect(b).toMatchObject({ state: 'open', openedAt: 3 });
    expect(admit(b, 10, opts)).toMatchObject({ allow: false, retryAt: 30_003 });
  });

  it('a success resets the count', () => {
    let b = onFailure(onFailure(closedBreaker, 1, opts), 2, opts);
    b = onSuccess(b);
    b = onFailure(b, 3, opts);
    expect(b.state).toBe('closed');
  });

  it('lets exactly one half-open probe through after the cooldown', () => {
    let b = onFailure(onFailure(onFailure(closedBreaker, 0, opts), 0, opts), 0, opts);
    const first = admit(b, 30_000, opts);
    expect(first.allow).toBe(true);
    b = first.next;
    expect(b.state).toBe('half-open');
    expect(admit(b, 30_001, opts).allow).toBe(false);
  });

  it('a failed probe re-opens for another cooldown, a good one closes', () => {
    const open = onFailure(onFailure(onFailure(closedBreaker, 0, opts), 0, opts), 0, opts);
    const probing = admit(open, 30_000, opts).next;
    const reopened = onFailure(probing, 30_100, opts);
    expect(reopened).toMatchObject({ state: 'open', openedAt: 30_100 });
    expect(admit(reopened, 40_000, opts).allow).toBe(false);
    expect(onSuccess(admit(reopened, 60_100, opts).next)).toEqual(closedBreaker);
  });
});
