// Timing of the box manager on an injected clock and scheduler. A real server cannot make a
// request take a known time on a controlled clock, so the client here is a small in-memory
// stand-in that lets the clock move while a request is "on the wire".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { textLine, view } from '../../test/support/views.ts';
import { MattermostError } from '../mattermost/classify.ts';
import type { MattermostClient, MmPost } from '../mattermost/client.ts';
import { newCounters, silentLog } from '../ops/metrics.ts';
import { createBoxManager } from './box-manager.ts';
import { createBoxStore } from './box-store.ts';

function manualClock(start: number) {
  let t = start;
  const pending = new Set<{ at: number; fn: () => void }>();
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    timers: {
      setTimeout(fn: () => void, ms: number) {
        const h = { at: t + ms, fn };
        pending.add(h);
        return h;
      },
      clearTimeout(h: unknown) {
        pending.delete(h as { at: number; fn: () => void });
      },
    },
    /** Fires due timers in time order, letting the async sends settle in between. */
    async runFor(ms: number) {
      const end = t + ms;
      for (;;) {
        await new Promise((r) => setImmediate(r));
        const next = [...pending].filter((h) => h.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        pending.delete(next);
        t = Math.max(t, next.at);
        next.fn();
      }
      t = end;
    },
  };
}

describe('box manager timing (injected clock)', () => {
  // The clock was read before the request went out, so the Retry-After window was counted from
  // the send time and the next request arrived early by the request's round trip (5–12 ms).
  it('Retry-After measured from the send time, not the 429 arrival: waits the full window', async () => {
    const clock = manualClock(1_000_000);
    const ROUND_TRIP_MS = 40;
    const sentAt: number[] = [];
    let answered429At = 0;
    const post = (id: string): MmPost => ({ id, channel_id: 'ch', message: '' });
    const client = {
      async createPost() {
        sentAt.push(clock.now());
        return post('p1');
      },
      async patchPost(id: string) {
        sentAt.push(clock.now());
        if (sentAt.length === 2) {
          clock.advance(ROUND_TRIP_MS);
          answered429At = clock.now();
          throw new MattermostError({
            kind: 'rate-limited',
            status: 429,
            retryAfterMs: 1000,
            maybeDelivered: false,
            message: 'PUT /posts/{id}/patch: 429 rate limited',
          });
        }
        return post(id);
      },
    } as unknown as MattermostClient;
    const manager = createBoxManager({
      client,
      store: createBoxStore(mkdtempSync(path.join(tmpdir(), 'ls-bm-clock-'))),
      log: silentLog,
      counters: newCounters(),
      now: clock.now,
      timers: clock.timers,
      newId: () => 'box-1',
      limits: { maxLines: 15, maxChars: 15_000 },
      throttleMs: 50,
      maxActive: 2,
      breaker: { threshold: 5, cooldownMs: 300 },
      mode: 'rest',
    });
    const route = { kind: 'channel' as const, channelId: 'ch' };
    manager.show(view({ lines: [textLine(1)] }), route);
    await clock.runFor(10);
    manager.show(view({ lines: [textLine(2)] }), route);
    await clock.runFor(100);
    expect(answered429At).toBeGreaterThan(0);
    manager.show(view({ lines: [textLine(3)] }), route);
    await clock.runFor(3000);
    expect(sentAt).toHaveLength(3);
    expect(sentAt[2]! - answered429At).toBeGreaterThanOrEqual(1000);
    manager.close();
  });
});
