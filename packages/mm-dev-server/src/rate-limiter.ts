// Mattermost's rate limiter (server/channels/app/ratelimit.go) is throttled's GCRA with
// MaxRate = PerSec, MaxBurst; this reproduces its arithmetic and headers so a client sees the same
// `X-RateLimit-*` values and the same moment of the first 429.
import type { Clock } from './clock.ts';

export interface RateLimitSettings {
  perSec: number;
  maxBurst: number;
  /** Key by the auth token (Mattermost `VaryByUser`). Default false. */
  varyByUser: boolean;
  /** Key by the remote address (Mattermost `VaryByRemoteAddr`). Default true. */
  varyByRemoteAddr: boolean;
  /** Also key by this request header's value (Mattermost `VaryByHeader`). Default none. */
  varyByHeader: string;
}

export const defaultRateLimitSettings: RateLimitSettings = {
  perSec: 10,
  maxBurst: 100,
  varyByUser: false,
  varyByRemoteAddr: true,
  varyByHeader: '',
};

export interface RateLimitResult {
  limited: boolean;
  /** Header values, as Mattermost sets them (seconds, rounded up). */
  headers: Record<string, string>;
}

export interface RateLimiter {
  take(key: string): RateLimitResult;
  reset(): void;
}

export function createRateLimiter(
  settings: Pick<RateLimitSettings, 'perSec' | 'maxBurst'>,
  clock: Clock,
): RateLimiter {
  const emission = 1000 / settings.perSec;
  const tolerance = emission * (settings.maxBurst + 1);
  const limit = settings.maxBurst + 1;
  const tats = new Map<string, number>();

  return {
    reset: () => tats.clear(),
    take(key) {
      const now = clock.now();
      let tat = tats.get(key) ?? now;
      if (now > tat) tat = now;
      const newTat = tat + emission;
      const diff = now - (newTat - tolerance);
      let ttl: number;
      let retryAfter = -1;
      let limited = false;
      if (diff < 0) {
        if (emission <= tolerance) retryAfter = -diff;
        ttl = tat - now;
        limited = true;
      } else {
        tats.set(key, newTat);
        ttl = newTat - now;
      }
      const next = tolerance - ttl;
      const remaining = next > -emission ? Math.trunc(next / emission) : 0;
      const headers: Record<string, string> = {
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': String(Math.max(0, remaining)),
        'X-RateLimit-Reset': String(Math.ceil(ttl / 1000)),
      };
      if (retryAfter >= 0) headers['Retry-After'] = String(Math.ceil(retryAfter / 1000));
      return { limited, headers };
    },
  };
}

/** The key Mattermost's `GenerateKey` builds for a request. */
export function rateLimitKey(
  settings: RateLimitSettings,
  request: { token: string | undefined; remoteAddr: string; header: (name: string) => string | undefined },
): string {
  let key = '';
  if (settings.varyByUser) {
    if (request.token) key += request.token;
    else if (settings.varyByRemoteAddr) key += request.remoteAddr;
  } else if (settings.varyByRemoteAddr) key += request.remoteAddr;
  if (settings.varyByHeader) key += request.header(settings.varyByHeader) ?? '';
  return key;
}
