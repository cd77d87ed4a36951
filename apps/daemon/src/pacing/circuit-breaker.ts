// Circuit breaker as a pure state machine: the clock is passed in, so every transition is tested
// without timers. Only failures that say "Mattermost is unwell" (retryable) feed it; a 404 on one
// deleted post or a 429 (handled by the rate-limit window) does not.

export type BreakerState =
  | { state: 'closed'; failures: number }
  | { state: 'open'; openedAt: number; failures: number }
  | { state: 'half-open'; probing: boolean; failures: number };

export interface BreakerOptions {
  threshold: number;
  cooldownMs: number;
}

export const closedBreaker: BreakerState = { state: 'closed', failures: 0 };

/** May a request go out now? Moves open → half-open once the cooldown has passed; half-open lets one probe through. */
export function admit(
  b: BreakerState,
  now: number,
  opts: BreakerOptions,
): { allow: boolean; next: BreakerState; retryAt?: number } {
  switch (b.state) {
    case 'closed':
      return { allow: true, next: b };
    case 'open':
      if (now - b.openedAt >= opts.cooldownMs) {
        return { allow: true, next: { state: 'half-open', probing: true, failures: b.failures } };
      }
      return { allow: false, next: b, retryAt: b.openedAt + opts.cooldownMs };
    case 'half-open':
      if (b.probing) return { allow: false, next: b };
      return { allow: true, next: { ...b, probing: true } };
  }
}

export function onSuccess(_b: BreakerState): BreakerState {
  return closedBreaker;
}

export function onFailure(b: BreakerState, now: number, opts: BreakerOptions): BreakerState {
  const failures = b.failures + 1;
  if (b.state === 'half-open') return { state: 'open', openedAt: now, failures };
  if (b.state === 'open') return { ...b, failures };
  if (failures >= opts.threshold) return { state: 'open', openedAt: now, failures };
  return { state: 'closed', failures };
}
