// The box manager against the real mm-dev-server (REST v4 as Mattermost behaves), on real timers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, DEFAULT_IDS, type MmDevServer } from '@livestatus/mm-dev-server';
import { renderMarkdown, renderText } from '@livestatus/render/text';
import { afterEach, describe, expect, it } from 'vitest';
import { livestatusPluginDir } from '../../test/support/plugin.ts';
import { textLine, view } from '../../test/support/views.ts';
import { MattermostError } from '../mattermost/classify.ts';
import { createMattermostClient, type MattermostClient } from '../mattermost/client.ts';
import { newCounters, silentLog } from '../ops/metrics.ts';
import { createBoxManager } from './box-manager.ts';
import { createBoxStore } from './box-store.ts';
import type { Mode } from './post-content.ts';

const CH = DEFAULT_IDS.channelId;
const timers = {
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};
let servers: MmDevServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function setup(
  opts: { mode?: Mode; client?: (c: MattermostClient) => MattermostClient; threshold?: number } = {},
) {
  const server = await createServer();
  servers.push(server);
  if (opts.mode === 'plugin') await server.installPlugin(livestatusPluginDir());
  const real = createMattermostClient({ url: server.url, token: DEFAULT_IDS.botToken });
  const client = opts.client ? opts.client(real) : real;
  const counters = newCounters();
  const stateDir = mkdtempSync(path.join(tmpdir(), 'ls-bm-'));
  let n = 0;
  const make = () =>
    createBoxManager({
      client,
      store: createBoxStore(stateDir),
      log: silentLog,
      counters,
      now: Date.now,
      timers,
      newId: () => `box-${++n}-${Date.now()}`,
      limits: { maxLines: 15, maxChars: 15_000 },
      throttleMs: 50,
      maxActive: 2,
      breaker: { threshold: opts.threshold ?? 5, cooldownMs: 300 },
      mode: opts.mode ?? 'rest',
    });
  return { server, client, counters, stateDir, manager: make(), make };
}

const route = { kind: 'channel' as const, channelId: CH };

describe('box manager against mm-dev-server', () => {
  it('keeps one post per turn, coalesces a burst and delivers the final state', async () => {
    const { server, manager } = await setup();
    for (let i = 1; i <= 30; i++) manager.show(view({ lines: [textLine(i)] }), route);
    manager.show(view({ state: 'done', endedAt: 5_000, lines: [textLine(31, 'all done')] }), route);
    await manager.idle();
    const posts = server.postsIn(CH).filter((p) => p.props?.livestatus_box);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.message).toContain('all done');
    expect(post.message).toMatch(/DONE/);
    expect(post.props?.from_bot).toBe('true');
    expect(server.editCount(post.id)).toBeLessThanOrEqual(3);
    expect(manager.liveBoxes()).toHaveLength(0);
  });

  it('in plugin mode live updates are props-only: edit_at changes only with the state', async () => {
    const { server, manager } = await setup({ mode: 'plugin' });
    manager.show(view({ lines: [textLine(1)] }), route);
    await manager.idle();
    for (let i = 2; i <= 5; i++) {
      manager.show(view({ lines: [textLine(i)] }), route);
      await manager.idle();
    }
    const post = server.postsIn(CH).find((p) => p.props?.livestatus_box)!;
    expect(post.type).toBe('custom_livestatus');
    expect(server.editCount(post.id)).toBeGreaterThanOrEqual(4);
    expect(server.editAtChanges(post.id)).toBe(0);
    expect((post.props?.livestatus as object | undefined) ?? null).not.toBeNull();
    manager.show(view({ state: 'done', endedAt: 9_000, lines: [textLine(6)] }), route);
    await manager.idle();
    expect(server.editAtChanges(post.id)).toBe(1);
    expect(server.post(post.id)?.props?.from_bot).toBe('true');
  });

  // Mobile and plugin-less clients render `message` as Markdown: plain text there let agent text
  // format itself and autolink, so plugin mode writes the same escaped Markdown box as REST mode.
  it('plugin mode message is the Markdown box, not plain text', async () => {
    const { server, manager } = await setup({ mode: 'plugin' });
    const agentText = '**bold** see https://example.com';
    manager.show(view({ lines: [textLine(1, agentText)] }), route);
    await manager.idle();
    const done = view({ state: 'done', endedAt: 9_000, lines: [textLine(1, agentText)] });
    manager.show(done, route);
    await manager.idle();
    const post = server.postsIn(CH).find((p) => p.props?.livestatus_box)!;
    expect(post.type).toBe('custom_livestatus');
    const opts = { maxLines: 15, maxChars: 15_000, now: 10_000 };
    expect(post.message).toBe(renderMarkdown(done, opts));
    expect(post.message).not.toBe(renderText(done, opts));
    expect(post.message).not.toContain(agentText);
  });

  it('posts into the thread and resolves a DM channel once', async () => {
    const { server, manager } = await setup();
    manager.show(view({ key: 'a', lines: [textLine(1)] }), {
      kind: 'channel',
      channelId: CH,
      rootId: DEFAULT_IDS.threadRootPostId,
    });
    manager.show(view({ key: 'b', lines: [textLine(1)] }), { kind: 'dm', userId: DEFAULT_IDS.aliceUserId });
    await manager.idle();
    manager.show(view({ key: 'c', lines: [textLine(1)] }), { kind: 'dm', userId: DEFAULT_IDS.aliceUserId });
    await manager.idle();
    const threaded = server.postsIn(CH).find((p) => p.props?.livestatus_box && p.root_id);
    expect(threaded?.root_id).toBe(DEFAULT_IDS.threadRootPostId);
    expect(server.requests((e) => e.path === '/api/v4/channels/direct')).toHaveLength(1);
  });

  it('stops updating a deleted post after one refused edit and carries on with the others', async () => {
    const { server, manager, counters } = await setup();
    const a = manager.show(view({ key: 'a', lines: [textLine(1)] }), route);
    manager.show(view({ key: 'b', lines: [textLine(1)] }), route);
    await manager.idle();
    server.faults.deletePost(a.postId!);
    for (let i = 2; i < 10; i++) {
      manager.show(view({ key: 'a', lines: [textLine(i)] }), route);
      manager.show(view({ key: 'b', lines: [textLine(i)] }), route);
      await manager.idle();
    }
    const patchesOfA = server.requests((e) => e.path.includes(a.postId!) && e.method === 'PUT');
    expect(patchesOfA.filter((e) => e.status >= 400)).toHaveLength(1);
    expect(counters.boxesGone).toBe(1);
    expect(
      server.requests((e) => e.method === 'POST' && e.path === '/api/v4/posts' && e.status < 300),
    ).toHaveLength(2);
    const b = server.postsIn(CH).find((p) => p.id !== a.postId && p.props?.livestatus_box);
    expect(b?.message).toContain('step 9');
  });

  // Mattermost answers an edit of a deleted post with 403 (not 404); that was taken as a generic
  // failure, the box was dropped as finished, and the next update of the turn created a new post.
  it('a deleted status post comes back as a second post (403 on edit): never again', async () => {
    const { server, manager, make, counters, stateDir } = await setup();
    const creates = () =>
      server.requests((e) => e.method === 'POST' && e.path === '/api/v4/posts' && e.status < 300);
    const a = manager.show(view({ lines: [textLine(1)] }), route);
    await manager.idle();
    const postId = a.postId!;
    server.faults.deletePost(postId);
    const before = server.requests().length;
    const afterDelete = () => server.requests().slice(before);
    for (let i = 2; i <= 8; i++) {
      manager.show(view({ lines: [textLine(i)] }), route);
      await manager.idle();
    }
    manager.show(view({ state: 'done', endedAt: 9, lines: [textLine(9)] }), route);
    await manager.idle();
    expect(afterDelete().filter((e) => e.path.includes(postId))).toHaveLength(1);
    expect(server.requests((e) => e.status === 403)).toHaveLength(1);
    expect(counters.boxesGone).toBe(1);
    // The gone turn survives a restart: the new run neither edits nor re-creates it.
    manager.close();
    const saved = createBoxStore(stateDir).load();
    const again = make();
    again.restore(saved.boxes, saved.gone);
    again.show(view({ state: 'done', endedAt: 9, lines: [textLine(10, 'after restart')] }), route);
    await again.idle();
    expect(creates()).toHaveLength(1);
    expect(afterDelete().filter((e) => e.path.includes(postId)).length).toBeLessThanOrEqual(2);
    expect(afterDelete()).toHaveLength(1);
  });

  it('rides out an outage: nothing lost, nothing doubled, newest state sent on recovery', async () => {
    const { server, manager } = await setup({ threshold: 2 });
    manager.show(view({ lines: [textLine(1)] }), route);
    await manager.idle();
    await server.faults.outage();
    for (let i = 2; i <= 20; i++) manager.show(view({ lines: [textLine(i)] }), route);
    await new Promise((r) => setTimeout(r, 1000));
    expect(manager.stats().circuit).not.toBe('closed');
    manager.show(view({ state: 'done', endedAt: 9_000, lines: [textLine(21, 'final words')] }), route);
    await server.faults.endOutage();
    await manager.idle();
    const posts = server.postsIn(CH).filter((p) => p.props?.livestatus_box);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.message).toContain('final words');
    expect(manager.stats().circuit).toBe('closed');
  });

  it('waits out a 429 window before sending anything else', async () => {
    const { server, manager, counters } = await setup();
    server.faults.rateLimit({ perSec: 1, maxBurst: 1 });
    manager.show(view({ key: 'a', lines: [textLine(1)] }), route);
    manager.show(view({ key: 'b', lines: [textLine(1)] }), route);
    manager.show(view({ key: 'a', state: 'done', endedAt: 2, lines: [textLine(2)] }), route);
    manager.show(view({ key: 'b', state: 'done', endedAt: 2, lines: [textLine(2)] }), route);
    await manager.idle();
    expect(counters.rateLimitWaits).toBeGreaterThan(0);
    const limited = server.requests((e) => e.status === 429);
    // No storm: only requests already in flight when the first 429 came back can meet the window,
    // and the rest wait for Retry-After (≥ 1 s) before going out.
    expect(limited.length).toBeLessThanOrEqual(4);
    const first = limited[0]!;
    const after = server.requests((e) => e.startedAt > first.startedAt + first.durationMs + 50);
    expect(after.length).toBeGreaterThan(0);
    expect(after[0]!.startedAt - first.startedAt).toBeGreaterThanOrEqual(900);
    expect(server.postsIn(CH).filter((p) => p.props?.livestatus_box)).toHaveLength(2);
  }, 20_000);

  it('a create whose answer was lost is found again instead of posted twice', async () => {
    let lose = 1;
    const { server, manager, counters } = await setup({
      client: (c) => ({
        ...c,
        async createPost(p) {
          const post = await c.createPost(p);
          if (lose-- > 0)
            throw new MattermostError({
              kind: 'retryable',
              maybeDelivered: true,
              message: 'reset after send',
            });
          return post;
        },
      }),
    });
    manager.show(view({ lines: [textLine(1)] }), route);
    manager.show(view({ state: 'done', endedAt: 3, lines: [textLine(2, 'the end')] }), route);
    await manager.idle();
    const posts = server.postsIn(CH).filter((p) => p.props?.livestatus_box);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.message).toContain('the end');
    expect(counters.lostCreatesRecovered).toBe(1);
  });

  it('queues boxes beyond MAX_ACTIVE_SESSIONS, oldest first', async () => {
    const { server, manager } = await setup();
    for (const k of ['a', 'b', 'c']) manager.show(view({ key: k, lines: [textLine(1)] }), route);
    await manager.idle();
    expect(manager.stats()).toMatchObject({ active: 2, queued: 1 });
    expect(server.postsIn(CH).filter((p) => p.props?.livestatus_box)).toHaveLength(2);
    manager.show(view({ key: 'a', state: 'done', endedAt: 2, lines: [textLine(2)] }), route);
    await manager.idle();
    await manager.idle();
    expect(manager.stats()).toMatchObject({ active: 2, queued: 0 });
    expect(server.postsIn(CH).filter((p) => p.props?.livestatus_box)).toHaveLength(3);
  });

  it('a restarted manager resumes the same post from the saved state', async () => {
    const { server, manager, make, stateDir } = await setup();
    manager.show(view({ lines: [textLine(1)] }), route);
    await manager.idle();
    manager.close();
    const saved = createBoxStore(stateDir).load().boxes;
    expect(saved).toHaveLength(1);
    const again = make();
    again.restore(saved);
    again.show(view({ state: 'done', endedAt: 5, lines: [textLine(2, 'resumed')] }), route);
    await again.idle();
    const posts = server.postsIn(CH).filter((p) => p.props?.livestatus_box);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.message).toContain('resumed');
  });
});

describe('late updates', () => {
  it('an ended turn that changes again (its sub-agent finished later) updates the same post', async () => {
    const { server, manager } = await setup();
    manager.show(view({ lines: [textLine(1)] }), route);
    manager.show(
      view({ state: 'done', endedAt: 2, lines: [textLine(1), textLine(2, 'first final')] }),
      route,
    );
    await manager.idle();
    expect(manager.liveBoxes()).toHaveLength(0);
    manager.show(view({ state: 'done', endedAt: 2, lines: [textLine(1), textLine(2, 'late news')] }), route);
    await manager.idle();
    const posts = server.postsIn(CH).filter((p) => p.props?.livestatus_box);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.message).toContain('late news');
  });

  it('a late view that says active again never reopens a delivered final state', async () => {
    const { server, manager } = await setup();
    manager.show(view({ state: 'done', endedAt: 2, lines: [textLine(1)] }), route);
    await manager.idle();
    manager.show(view({ lines: [textLine(1), textLine(2, 'more lines')] }), route);
    await manager.idle();
    const post = server.postsIn(CH).filter((p) => p.props?.livestatus_box);
    expect(post).toHaveLength(1);
    expect(post[0]?.message).toContain('more lines');
    expect((post[0]?.props?.livestatus as { s?: string } | undefined)?.s).toBe('d');
  });
});
