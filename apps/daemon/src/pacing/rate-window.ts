// The request budget shared by every box: a token bucket (stay under Mattermost's default
// 10 req/s, burst 100, with margin) plus the window a 429 imposes (Retry-After / X-RateLimit-Reset):
// no request at all goes out inside it. Pure: state in, state out, clock passed in.

export interface RateState {
  tokens: number;
  refilledAt: number;
  /** No request before this time (a 429 said so). */
  blockedUntil: number;
}

export interface RateOptions {
  perSecond: number;
  burst: number;
}

export const DEFAULT_RATE: RateOptions = { perSecond: 8, burst: 40 };

export function initialRate(now: number, opts: RateOptions = DEFAULT_RATE): RateState {
  return { tokens: opts.burst, refilledAt: now, blockedUntil: 0 };
}

function refill(s: RateState, now: number, opts: RateOptions): RateState {
  const elapsed = Math.max(0, now - s.refilledAt);
  return {
    ...s,
    tokens: Math.min(opts.burst, s.tokens + (elapsed * opts.perSecond) / 1000),
    refilledAt: now,
  };
}

/** Take one request's worth of budget, or say when to try again. */
export function take(
  s: RateState,
  now: number,
  opts: RateOptions = DEFAULT_RATE,
): { ok: true; next: RateState } | { ok: false; next: RateState; retryAt: number } {
  if (now < s.blockedUntil) return { ok: false, next: s, retryAt: s.blockedUntil };
  const r = refill(s, now, opts);
  if (r.tokens >= 1) return { ok: true, next: { ...r, tokens: r.tokens - 1 } };
  return { ok: false, next: r, retryAt: now + Math.ceil(((1 - r.tokens) * 1000) / opts.perSecond) };
}

/** A 429 arrived: nothing goes out for `retryAfterMs`. */
export function block(s: RateState, now: number, retryAfterMs: number): RateState {
  return { ...s, tokens: 0, refilledAt: now, blockedUntil: Math.max(s.blockedUntil, now + retryAfterMs) };
}
