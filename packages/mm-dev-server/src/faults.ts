// Runtime fault injection: what the next requests should suffer. The decision is pure (state, clock,
// random source in; verdict out) so it is tested without sockets.
import type { Clock } from './clock.ts';

export interface FaultMatcher {
  method?: string;
  /** Only requests whose path starts with this (e.g. `/api/v4/posts`). */
  pathPrefix?: string;
}

interface ErrorRule extends FaultMatcher {
  status: number;
  /** Requests left to fail; Infinity for rate/window rules. */
  remaining: number;
  rate: number;
  window: { from: number; to: number } | null;
}

interface ResetRule extends FaultMatcher {
  remaining: number;
  rate: number;
}

/** Process the request fully (stored, broadcast), then destroy the socket instead of answering. */
interface DropRule extends FaultMatcher {
  remaining: number;
}

export type FaultVerdict = { kind: 'none' } | { kind: 'error'; status: number } | { kind: 'reset' };

export class FaultState {
  latencyMs = 0;
  latencyMatcher: FaultMatcher = {};
  readonly errors: ErrorRule[] = [];
  readonly resets: ResetRule[] = [];
  readonly drops: DropRule[] = [];
  readonly #clock: Clock;
  readonly #random: () => number;

  constructor(clock: Clock, random: () => number = Math.random) {
    this.#clock = clock;
    this.#random = random;
  }

  clear(): void {
    this.latencyMs = 0;
    this.latencyMatcher = {};
    this.errors.length = 0;
    this.resets.length = 0;
    this.drops.length = 0;
  }

  decide(method: string, path: string): FaultVerdict {
    const now = this.#clock.now();
    for (const rule of this.resets) {
      if (rule.remaining <= 0 || !matches(rule, method, path)) continue;
      if (rule.rate < 1 && this.#random() >= rule.rate) continue;
      rule.remaining--;
      return { kind: 'reset' };
    }
    for (const rule of this.errors) {
      if (rule.remaining <= 0 || !matches(rule, method, path)) continue;
      if (rule.window && (now < rule.window.from || now >= rule.window.to)) continue;
      if (rule.rate < 1 && this.#random() >= rule.rate) continue;
      rule.remaining--;
      return { kind: 'error', status: rule.status };
    }
    return { kind: 'none' };
  }

  /**
   * Whether this request's answer is to be lost: asked once per request that got verdict `none`,
   * it consumes one matching drop rule. The request is still handled; only the answer never leaves.
   */
  takeDrop(method: string, path: string): boolean {
    const rule = this.drops.find((r) => r.remaining > 0 && matches(r, method, path));
    if (!rule) return false;
    rule.remaining--;
    return true;
  }

  latencyFor(method: string, path: string): number {
    return matches(this.latencyMatcher, method, path) ? this.latencyMs : 0;
  }
}

function matches(m: FaultMatcher, method: string, path: string): boolean {
  return (!m.method || m.method.toUpperCase() === method) && (!m.pathPrefix || path.startsWith(m.pathPrefix));
}

/** Builders for the rules, exposed to tests as `server.faults`. */
export function errorRule(
  status: number,
  opts: FaultMatcher & { count?: number; rate?: number; window?: { from: number; to: number } },
): ErrorRule {
  return {
    status,
    method: opts.method,
    pathPrefix: opts.pathPrefix,
    remaining: opts.count ?? Number.POSITIVE_INFINITY,
    rate: opts.rate ?? 1,
    window: opts.window ?? null,
  };
}

export function resetRule(opts: FaultMatcher & { count?: number; rate?: number }): ResetRule {
  return {
    method: opts.method,
    pathPrefix: opts.pathPrefix,
    remaining: opts.count ?? Number.POSITIVE_INFINITY,
    rate: opts.rate ?? 1,
  };
}

export function dropRule(opts: FaultMatcher & { count: number }): DropRule {
  return { method: opts.method, pathPrefix: opts.pathPrefix, remaining: opts.count };
}
