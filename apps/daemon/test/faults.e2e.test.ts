// Faults, end to end: the daemon in-process, sessions written as OpenClaw writes them, and
// mm-dev-server's fault injection. Every case asserts nothing lost (final state delivered) and
// nothing doubled (one post per turn).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_IDS } from '@livestatus/mm-dev-server';
import { freeLoopbackPort } from '@livestatus/openclaw-e2e';
import type { Post } from '@mattermost/types/posts';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness, until } from './support/harness.ts';
import { FakeAgent } from './support/openclaw-writer.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const ls = (p: Post | undefined) => p?.props?.livestatus as { k: string; s: string; n: number } | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(extraEnv: Record<string, string> = {}) {
  h = await harness();
  const agent = new FakeAgent(h.ocState);
  const daemon = await h.start({ THROTTLE_MS: '100', CIRCUIT_BREAKER_COOLDOWN_S: '1', ...extraEnv });
  return { h, agent, daemon };
}

/** Run `n` sessions through `steps` steps each, calling `during` halfway. */
async function runTurns(agent: FakeAgent, n: number, steps: number, during?: () => Promise<void> | void) {
  const sids: Array<[string, string]> = [];
  for (let i = 0; i < n; i++) sids.push([`agent:main:explicit:bench-${i}`, await agent.startSession(i)]);
  await agent.flushRegistry();
  for (let s = 1; s <= steps; s++) {
    if (s === Math.ceil(steps / 2)) await during?.();
    for (const [, sid] of sids) agent.step(sid, s);
    await sleep(60);
  }
  for (const [key, sid] of sids) {
    agent.finish(sid);
    await agent.markDone(key);
  }
  return sids;
}

function expectOneFinalPostPerTurn(hh: Harness, n: number) {
  const posts = hh.boxPosts();
  const keys = posts.map((p) => `${ls(p)?.k}#${ls(p)?.n}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(posts).toHaveLength(n);
  for (const p of posts) {
    expect(ls(p)?.s).toBe('d');
    expect(p.message).toContain('All done');
  }
}

const allDone = (hh: Harness, n: number) => () =>
  hh.boxPosts().length === n && hh.boxPosts().every((p) => ls(p)?.s === 'd');

describe('faults', () => {
  it('a burst of 503s mid-turn: retried with backoff, final state once', async () => {
    const { h, agent } = await setup();
    await runTurns(agent, 2, 10, () => h.server.faults.failNext(8, 503));
    await until(allDone(h, 2), 20_000, 'final states');
    expectOneFinalPostPerTurn(h, 2);
  }, 40_000);

  it('connection resets on a third of the requests', async () => {
    const { h, agent } = await setup();
    h.server.faults.resetRate(0.33);
    await runTurns(agent, 3, 8);
    await until(allDone(h, 3), 20_000, 'final states');
    h.server.faults.clear();
    expectOneFinalPostPerTurn(h, 3);
  }, 40_000);

  it('Mattermost down mid-turn: the circuit opens, updates coalesce, the newest state goes out on recovery', async () => {
    const { h, agent, daemon } = await setup({ CIRCUIT_BREAKER_THRESHOLD: '2' });
    await runTurns(agent, 2, 10, async () => {
      await h.server.faults.outage();
    });
    await sleep(1500);
    expect(daemon.health().circuit).not.toBe('closed');
    expect(daemon.health().status).toBe('degraded');
    const requestsWhileDown = daemon.health().counters.requestErrors;
    await sleep(1500);
    // Half-open probes only: no retry storm while down.
    expect(daemon.health().counters.requestErrors - requestsWhileDown).toBeLessThanOrEqual(4);
    await h.server.faults.endOutage();
    await until(allDone(h, 2), 20_000, 'final states');
    expectOneFinalPostPerTurn(h, 2);
    expect(daemon.health().circuit).toBe('closed');
  }, 40_000);

  it('a 429 storm: every request waits out Retry-After, all boxes still end final', async () => {
    const { h, agent, daemon } = await setup();
    h.server.faults.rateLimit({ perSec: 3, maxBurst: 3 });
    await runTurns(agent, 6, 6);
    await until(allDone(h, 6), 30_000, 'final states');
    expectOneFinalPostPerTurn(h, 6);
    expect(daemon.health().counters.rateLimitWaits).toBeGreaterThan(0);
    expect(h.server.requests((e) => e.status === 429).length).toBeLessThan(20);
  }, 60_000);

  it('a deleted post: one 404, then that box is left alone and the others carry on', async () => {
    const { h, agent, daemon } = await setup();
    const hh = h;
    let deleted = '';
    await runTurns(agent, 2, 10, async () => {
      await until(() => hh.boxPosts().length === 2, 5000, 'two posts');
      deleted = hh.boxPosts()[0]?.id ?? '';
      hh.server.faults.deletePost(deleted);
    });
    await until(
      () => hh.boxPosts().some((p) => p.id !== deleted && ls(p)?.s === 'd'),
      10_000,
      'the other box final',
    );
    await sleep(500);
    const toDeleted = h.server.requests(
      (e) => e.path.includes(deleted) && e.method === 'PUT' && e.status >= 400,
    );
    expect(toDeleted).toHaveLength(1);
    expect(daemon.health().counters.boxesGone).toBe(1);
  }, 40_000);

  it('a torn sessions.json mid-turn is survived (last good parse kept), no duplicate, final state', async () => {
    const { h, agent, daemon } = await setup();
    await runTurns(agent, 1, 8, () => {
      writeFileSync(
        path.join(agent.dir, 'sessions.json'),
        '{"agent:main:explicit:bench-0": {"sessionId": "ben',
      );
    });
    await until(allDone(h, 1), 20_000, 'final state');
    expectOneFinalPostPerTurn(h, 1);
    expect(daemon.health().status).toBe('ok');
  }, 40_000);
});

describe('routing from the registry', () => {
  it('posts into the Mattermost channel, the thread and the DM the registry names', async () => {
    const { h, agent } = await setup();
    const dc = (to: string, threadId?: string) => ({
      channel: 'mattermost',
      deliveryContext: { channel: 'mattermost', to, accountId: 'default', ...(threadId ? { threadId } : {}) },
    });
    const CH = DEFAULT_IDS.offTopicChannelId;
    const a = await agent.startSession(1, dc(`channel:${CH}`), `agent:main:mattermost:channel:${CH}`);
    const b = await agent.startSession(
      2,
      dc(`channel:${DEFAULT_IDS.channelId}`, DEFAULT_IDS.threadRootPostId),
      `agent:main:mattermost:channel:${DEFAULT_IDS.channelId}:thread:${DEFAULT_IDS.threadRootPostId}`,
    );
    const c = await agent.startSession(3, dc(`user:${DEFAULT_IDS.aliceUserId}`), 'agent:main:main');
    await agent.flushRegistry();
    for (const sid of [a, b, c]) {
      agent.step(sid, 1);
      agent.finish(sid);
    }
    for (const k of Object.keys(agent.registry)) await agent.markDone(k);
    const hh = h;
    await until(
      () =>
        hh.server.postsIn(CH).some((p) => p.props?.livestatus_box) &&
        hh.server.postsIn(DEFAULT_IDS.channelId).some((p) => p.props?.livestatus_box && p.root_id),
      10_000,
      'channel and thread posts',
    );
    expect(hh.server.postsIn(CH).filter((p) => p.props?.livestatus_box)).toHaveLength(1);
    const threaded = hh.server.postsIn(DEFAULT_IDS.channelId).filter((p) => p.props?.livestatus_box);
    expect(threaded).toHaveLength(1);
    expect(threaded[0]?.root_id).toBe(DEFAULT_IDS.threadRootPostId);
    const dmPosts = () =>
      [...hh.server.world.posts.values()].filter(
        (p) => p.props?.livestatus_box && hh.server.world.channels.get(p.channel_id)?.type === 'D',
      );
    await until(() => dmPosts().length === 1, 10_000, 'the DM post');
    const dmChannel = hh.server.world.channels.get(dmPosts()[0]?.channel_id ?? '');
    expect(dmChannel?.name).toContain(DEFAULT_IDS.aliceUserId);
    expect(dmChannel?.name).toContain(DEFAULT_IDS.botUserId);
    expect(hh.server.requests((e) => e.path === '/api/v4/channels/direct')).toHaveLength(1);
  }, 40_000);
});

describe('health', () => {
  it('GET /health and /metrics on HEALTH_PORT report state without secrets', async () => {
    h = await harness();
    const port = await freeLoopbackPort();
    const d = await h.start({ HEALTH_PORT: String(port) });
    expect(d.healthPort).toBe(port);
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    const health = await res.json();
    expect(health).toMatchObject({
      status: 'ok',
      version: '0.1.0',
      mode: 'rest',
      pluginDetected: false,
      circuit: 'closed',
      sessions: { active: 0, queued: 0 },
      counters: { postsCreated: 0 },
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^livestatus_sessions_active 0$/m);
    expect(metrics).toMatch(/^livestatus_requests_total \d+$/m);
    expect(JSON.stringify(health) + metrics).not.toContain(DEFAULT_IDS.botToken);
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
  });
});
