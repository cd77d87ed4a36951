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

/** A REST-mode box manager on the manual clock, one box id, state in a temp folder. */
function managerOn(
  clock: ReturnType<typeof manualClock>,
  client: MattermostClient,
  o: { throttleMs: number; breaker: { threshold: number; cooldownMs: number } },
) {
  return createBoxManager({
    client,
    store: createBoxStore(mkdtempSync(path.join(tmpdir(), 'ls-bm-clock-'))),
    log: silentLog,
    counters: newCounters(),
    now: clock.now,
    timers: clock.timers,
    newId: () => 'box-1',
    limits: { maxLines: 15, maxChars: 15_000 },
    maxActive: 2,
    mode: 'rest',
    ...o,
  });
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
    const manager = managerOn(clock, client, { throttleMs: 50, breaker: { threshold: 5, cooldownMs: 300 } });
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

describe('Mattermost down 60 s mid-turn (injected clock)', () => {
  // The fault suite's outage runs 60 s on a real clock only in its full variant; here the same
  // minute passes in milliseconds with the daemon's default breaker (5 failures, 30 s cooldown).
  it('sends a bounded trickle while down, never a second post, and the final state once it is back', async () => {
    const clock = manualClock(2_000_000);
    const OUTAGE_MS = 60_000;
    const downFrom = clock.now() + 5_000;
    const downTo = downFrom + OUTAGE_MS;
    const sent: Array<{ at: number; kind: 'create' | 'patch'; message?: string }> = [];
    const down = () => clock.now() >= downFrom && clock.now() < downTo;
    const refused = (what: string) =>
      new MattermostError({
        kind: 'retryable',
        maybeDelivered: false,
        message: `${what}: network error ECONNREFUSED`,
      });
    const client = {
      async createPost() {
        sent.push({ at: clock.now(), kind: 'create' });
        if (down()) throw refused('POST /posts');
        return { id: 'p1', channel_id: 'ch', message: '' } satisfies MmPost;
      },
      async patchPost(id: string, patch: { message?: string }) {
        sent.push({ at: clock.now(), kind: 'patch', ...(patch.message ? { message: patch.message } : {}) });
        if (down()) throw refused('PUT /posts/{id}/patch');
        return { id, channel_id: 'ch', message: patch.message ?? '' } satisfies MmPost;
      },
    } as unknown as MattermostClient;
    const manager = managerOn(clock, client, {
      throttleMs: 500,
      breaker: { threshold: 5, cooldownMs: 30_000 },
    });
    const route = { kind: 'channel' as const, channelId: 'ch' };
    // One new line a second for 50 s, then the turn ends — 45 s into the outage.
    for (let i = 1; i <= 50; i++) {
      manager.show(view({ lines: [textLine(i)], lastActivityAt: 1_000 + i * 1000 }), route);
      await clock.runFor(1000);
    }
    manager.show(
      view({ lines: [textLine(50)], state: 'done', endedAt: 51_000, lastActivityAt: 51_000 }),
      route,
    );
    await clock.runFor(downTo - clock.now() + 40_000);

    const during = sent.filter((s) => s.at >= downFrom && s.at < downTo);
    // The breaker opens after 5 failures; then one probe per 30 s cooldown.
    expect(during.length).toBeGreaterThan(0);
    expect(during.length).toBeLessThanOrEqual(5 + Math.ceil(OUTAGE_MS / 30_000));
    expect(sent.filter((s) => s.kind === 'create')).toHaveLength(1);
    const delivered = sent.filter((s) => s.at >= downTo);
    expect(delivered.at(-1)?.message).toMatch(/DONE/);
    // Back within one cooldown of the end of the outage.
    expect(delivered[0]!.at - downTo).toBeLessThanOrEqual(30_000);
    manager.close();
  });
});
