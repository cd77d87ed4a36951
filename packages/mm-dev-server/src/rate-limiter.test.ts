import { describe, expect, it } from 'vitest';
import { manualClock } from './clock.ts';
import { createRateLimiter, defaultRateLimitSettings, rateLimitKey } from './rate-limiter.ts';

describe('rate limiter (throttled GCRA as Mattermost configures it)', () => {
  it('lets a burst of 101 through at one instant, then answers 429 with Retry-After 1', () => {
    const clock = manualClock();
    const rl = createRateLimiter(defaultRateLimitSettings, clock);
    const first = rl.take('k');
    expect(first).toEqual({
      limited: false,
      headers: { 'X-RateLimit-Limit': '101', 'X-RateLimit-Remaining': '100', 'X-RateLimit-Reset': '1' },
    });
    for (let i = 0; i < 100; i++) expect(rl.take('k').limited).toBe(false);
    const limited = rl.take('k');
    expect(limited.limited).toBe(true);
    expect(limited.headers).toMatchObject({
      'X-RateLimit-Remaining': '0',
      'Retry-After': '1',
      'X-RateLimit-Reset': '11',
    });
  });

  it('refills at 10 per second', () => {
    const clock = manualClock();
    const rl = createRateLimiter(defaultRateLimitSettings, clock);
    for (let i = 0; i < 101; i++) rl.take('k');
    expect(rl.take('k').limited).toBe(true);
    clock.advance(100);
    expect(rl.take('k').limited).toBe(false);
    expect(rl.take('k').limited).toBe(true);
    clock.advance(1000);
    let allowed = 0;
    while (!rl.take('k').limited) allowed++;
    expect(allowed).toBe(10);
  });

  it('keeps separate budgets per key', () => {
    const rl = createRateLimiter({ perSec: 1, maxBurst: 0 }, manualClock());
    expect(rl.take('a').limited).toBe(false);
    expect(rl.take('a').limited).toBe(true);
    expect(rl.take('b').limited).toBe(false);
  });

  it('keys by remote address by default and by token only with varyByUser', () => {
    const req = { token: 'tok', remoteAddr: '127.0.0.1', header: () => undefined };
    expect(rateLimitKey(defaultRateLimitSettings, req)).toBe('127.0.0.1');
    expect(rateLimitKey({ ...defaultRateLimitSettings, varyByUser: true }, req)).toBe('tok');
    expect(
      rateLimitKey(
        { ...defaultRateLimitSettings, varyByHeader: 'X-Real-IP' },
        { ...req, header: () => '9.9.9.9' },
      ),
    ).toBe('127.0.0.19.9.9.9');
  });
});
