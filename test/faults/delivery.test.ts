// Mattermost misbehaving mid-turn while the real daemon process delivers a real fixture turn:
// outages (refused, 503), 5xx bursts, connection resets, a 429 storm, a deleted status post.
// Every verdict comes from mm-dev-server's request log and post store.
import { afterEach, describe, expect } from 'vitest';
import { expectDelivered, play } from './support/delivery.ts';
import {
  boxOf,
  boxPosts,
  isPostWrite,
  maxRequestGap,
  retryAfterWindows,
  until,
} from './support/invariants.ts';
import { BREAKER_COOLDOWN_S, OUTAGE_MS } from './support/mode.ts';
import { scenario } from './support/report.ts';
import { type Stack, stack } from './support/stack.ts';

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const STEP_MS = 150;
/** Breaker threshold (default 5) + one half-open probe per cooldown + the plugin check and slack. */
const outageBound = (ms: number) => 5 + Math.ceil(ms / (BREAKER_COOLDOWN_S * 1000)) + 4;

describe('delivery under Mattermost faults', () => {
  scenario('5xx bursts', async (fig) => {
    s = await stack();
    await s.startDaemon();
    const sess = s.home.session();
    const begun = Date.now();
    await sess.begin();
    await s.postOf(sess.key);
    fig.first_post_ms = Date.now() - begun;
    s.server.faults.failRate(0.4, 503, { pathPrefix: '/api/v4/posts' });
    s.server.faults.failNext(3, 500, { pathPrefix: '/api/v4/posts' });
    await play(sess, STEP_MS, 4);
    s.server.faults.failNext(4, 502, { pathPrefix: '/api/v4/posts' });
    await play(sess, STEP_MS);
    await sess.finish();
    await new Promise((r) => setTimeout(r, 1000));
    s.server.faults.clear();
    fig.errors_5xx = s.server.requests((e) => e.status >= 500).length;
    await expectDelivered(s, [sess], fig, 15_000);
  });

  scenario('connection resets', async (fig) => {
    s = await stack();
    await s.startDaemon();
    const sess = s.home.session();
    // The first create attempt dies with its socket: the post must still exist exactly once.
    s.server.faults.resetNext(2, { method: 'POST', pathPrefix: '/api/v4/posts' });
    await sess.begin();
    await s.postOf(sess.key);
    s.server.faults.resetRate(0.4, { method: 'PUT' });
    await play(sess, STEP_MS);
    await sess.finish();
    await new Promise((r) => setTimeout(r, 1000));
    s.server.faults.clear();
    fig.resets = s.server.requests((e) => e.fault === 'reset').length;
    await expectDelivered(s, [sess], fig, 15_000);
  });

  scenario('lost create (post stored, answer dropped)', async (fig) => {
    s = await stack();
    const d = await s.startDaemon();
    const sess = s.home.session();
    // The daemon's first create is stored and broadcast, but its socket dies unanswered.
    s.server.faults.dropResponseNext(1, { method: 'POST', pathPrefix: '/api/v4/posts' });
    await sess.begin();
    await s.postOf(sess.key);
    await play(sess, STEP_MS);
    await sess.finish();
    await expectDelivered(s, [sess], fig, 15_000);
    const creates = s.server.requests((e) => e.method === 'POST' && e.path === '/api/v4/posts');
    fig.dropped_answers = s.server.requests((e) => e.fault === 'dropped').length;
    fig.creates = creates.length;
    fig.creates_stored = creates.filter((e) => e.status === 201).length;
    fig.lost_creates_recovered = Number(
      ((await d.health()).counters as { lostCreatesRecovered?: number }).lostCreatesRecovered ?? -1,
    );
    expect(fig.dropped_answers).toBe(1);
    // expectDelivered counted the posts: exactly one for the turn, the one the lost create made.
    expect(fig.creates_stored).toBe(1);
    expect(fig.lost_creates_recovered).toBe(1);
  });

  scenario(
    `Mattermost down ${OUTAGE_MS / 1000} s mid-turn (connection refused)`,
    async (fig) => {
      s = await stack();
      const d = await s.startDaemon({ CIRCUIT_BREAKER_COOLDOWN_S: String(BREAKER_COOLDOWN_S) });
      const sess = s.home.session();
      await sess.begin();
      await s.postOf(sess.key);
      await play(sess, STEP_MS, 2);
      const before = ((await d.health()).counters as { requests: number }).requests;
      await s.server.faults.outage();
      const downAt = Date.now();
      await play(sess, STEP_MS);
      await sess.finish();
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - downAt))));
      const during = ((await d.health()).counters as { requests: number }).requests - before;
      const health = await d.health();
      fig.circuit_during = String(health.circuit);
      await s.server.faults.endOutage();
      const upAt = Date.now();
      fig.outage_ms = upAt - downAt;
      // Counted by the daemon (a refused connection never reaches the server's log).
      fig.requests_during_outage = during;
      await expectDelivered(s, [sess], fig, 10_000 + BREAKER_COOLDOWN_S * 1000);
      fig.recovery_ms = Date.now() - upAt;
      expect(during).toBeLessThanOrEqual(outageBound(OUTAGE_MS));
    },
    180_000,
  );

  scenario(
    `Mattermost answering 503 for ${OUTAGE_MS / 1000} s mid-turn`,
    async (fig) => {
      s = await stack();
      await s.startDaemon({ CIRCUIT_BREAKER_COOLDOWN_S: String(BREAKER_COOLDOWN_S) });
      const sess = s.home.session();
      await sess.begin();
      await s.postOf(sess.key);
      await play(sess, STEP_MS, 2);
      const from = Date.now();
      const to = from + OUTAGE_MS;
      s.server.faults.failWindow(from, to, 503);
      await play(sess, STEP_MS);
      await sess.finish();
      await until(() => Date.now() >= to, OUTAGE_MS + 1000, 'the end of the 503 window');
      fig.requests_during_outage = s.server.requests((e) => e.startedAt >= from && e.startedAt < to).length;
      await expectDelivered(s, [sess], fig, 10_000 + BREAKER_COOLDOWN_S * 1000);
      const done = s.server
        .requests(isPostWrite)
        .filter((e) => e.status === 200)
        .at(-1);
      fig.recovery_ms = (done?.startedAt ?? to) - to;
      fig.max_request_gap_ms = maxRequestGap(s.server, from, to);
      expect(fig.requests_during_outage).toBeLessThanOrEqual(outageBound(OUTAGE_MS));
    },
    180_000,
  );

  scenario(
    '429 storm with Retry-After',
    async (fig) => {
      s = await stack();
      await s.startDaemon();
      s.server.faults.rateLimit({ perSec: 1, maxBurst: 1 });
      const sessions = [1, 2, 3].map((n) => s!.home.session({ n }));
      for (const sess of sessions) await sess.begin();
      await Promise.all(sessions.map((sess) => play(sess, STEP_MS)));
      for (const sess of sessions) await sess.finish();
      await expectDelivered(s, sessions, fig, 30_000);
      fig.responses_429 = s.server.requests((e) => e.status === 429).length;
      const windows = retryAfterWindows(s.server);
      fig.requests_in_retry_after = windows.violations;
      fig.in_flight_at_429 = windows.inFlight;
      fig.earliest_retry_before_window_ms = windows.earlyMs;
      fig.retry_after_honoured = fig.requests_in_retry_after === 0;
      expect(fig.responses_429).toBeGreaterThan(0);
      expect(fig.requests_in_retry_after).toBe(0);
    },
    120_000,
  );

  scenario(
    'deleted status post mid-turn (403 on edit)',
    async (fig) => {
      s = await stack();
      const d = await s.startDaemon();
      const sess = s.home.session();
      await sess.begin();
      const post = await s.postOf(sess.key);
      await play(sess, STEP_MS, 2);
      s.server.faults.deletePost(post.id);
      const deletedAt = Date.now();
      await play(sess, STEP_MS);
      await sess.finish();
      await new Promise((r) => setTimeout(r, 2000));
      const after = s.server.requests((e) => e.startedAt > deletedAt && e.path.includes(post.id));
      fig.requests_after_delete = after.length;
      fig.answers_403 = after.filter((e) => e.status === 403).length;
      fig.posts = boxPosts(s.server).length;
      fig.boxes_gone = ((await d.health()).counters as { boxesGone: number }).boxesGone;
      // One refused edit tells the daemon the box is gone; it neither storms nor re-creates it.
      expect(fig.requests_after_delete).toBeLessThanOrEqual(1);
      expect(fig.posts).toBe(1);
      expect(boxOf(s.server.post(post.id)!)?.s).toBe('a');
    },
    60_000,
  );
});
