import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, DEFAULT_IDS, type MmDevServer } from '../src/index.ts';
import { admin, alice, bot, call } from './helpers.ts';

let server: MmDevServer;
beforeEach(async () => {
  server = await createServer();
});
afterEach(async () => {
  await server.close();
});

const channel = DEFAULT_IDS.channelId;

describe('creating posts', () => {
  it('answers 201 with the stored post and marks bot posts from_bot', async () => {
    const r = await call(`${server.url}/api/v4/posts?set_online=false`, 'POST', bot, {
      channel_id: channel,
      message: 'hello',
      type: 'custom_livestatus',
      props: { livestatus: { v: 1 } },
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      channel_id: channel,
      user_id: DEFAULT_IDS.botUserId,
      message: 'hello',
      type: 'custom_livestatus',
      edit_at: 0,
      delete_at: 0,
      root_id: '',
      props: { livestatus: { v: 1 }, from_bot: 'true' },
    });
    expect(r.json.id).toMatch(/^[a-z0-9]{26}$/);
    expect(server.postCount(channel)).toBe(2); // the seeded thread root + this
  });

  it('keeps a from_bot prop a human sends, as the real server does', async () => {
    const r = await call(`${server.url}/api/v4/posts`, 'POST', alice, {
      channel_id: channel,
      message: 'x',
      props: { from_bot: 'true' },
    });
    expect(r.json.props).toEqual({ from_bot: 'true' });
  });

  it('rejects a message over 16383 runes but accepts exactly 16383 (runes, not UTF-16 units)', async () => {
    const ok = await call(`${server.url}/api/v4/posts`, 'POST', bot, {
      channel_id: channel,
      message: '😀'.repeat(16383),
    });
    expect(ok.status).toBe(201);
    const tooLong = await call(`${server.url}/api/v4/posts`, 'POST', bot, {
      channel_id: channel,
      message: 'a'.repeat(16384),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json).toMatchObject({
      id: 'model.post.is_valid.message_length.app_error',
      status_code: 400,
    });
    expect(Object.keys(tooLong.json).sort()).toEqual([
      'detailed_error',
      'id',
      'message',
      'request_id',
      'status_code',
    ]);
  });

  it('rejects unknown and over-long types, accepts custom_ types up to 26 chars', async () => {
    const post = (type: string) =>
      call(`${server.url}/api/v4/posts`, 'POST', bot, { channel_id: channel, message: 'm', type });
    expect((await post('livestatus')).status).toBe(400);
    expect((await post(`custom_${'x'.repeat(19)}`)).status).toBe(201);
    expect((await post(`custom_${'x'.repeat(20)}`)).status).toBe(400);
  });

  it('rejects props whose JSON is over 800000 runes', async () => {
    const big = call(`${server.url}/api/v4/posts`, 'POST', bot, {
      channel_id: channel,
      message: 'm',
      props: { blob: 'x'.repeat(800_000) },
    });
    expect((await big).json.id).toBe('model.post.is_valid.props.app_error');
  });

  it('checks root_id: must exist, be a root, be in the same channel', async () => {
    const reply = await call(`${server.url}/api/v4/posts`, 'POST', bot, {
      channel_id: channel,
      message: 'reply',
      root_id: DEFAULT_IDS.threadRootPostId,
    });
    expect(reply.status).toBe(201);
    const replyToReply = await call(`${server.url}/api/v4/posts`, 'POST', bot, {
      channel_id: channel,
      message: 'r2',
      root_id: reply.json.id,
    });
    expect(replyToReply.json.id).toBe('api.post.create_post.root_id.app_error');
    const otherChannel = await call(`${server.url}/api/v4/posts`, 'POST', bot, {
      channel_id: DEFAULT_IDS.offTopicChannelId,
      message: 'r3',
      root_id: DEFAULT_IDS.threadRootPostId,
    });
    expect(otherChannel.json.id).toBe('api.post.create_post.channel_root_id.app_error');
    const root = await call(`${server.url}/api/v4/posts/${DEFAULT_IDS.threadRootPostId}`, 'GET', bot);
    expect(root.json.reply_count).toBe(1);
  });

  it('answers 401 in Mattermost error form without a valid token', async () => {
    const r = await call(
      `${server.url}/api/v4/posts`,
      'POST',
      { Authorization: 'Bearer nope' },
      { channel_id: channel },
    );
    expect(r.status).toBe(401);
    expect(r.json.id).toBe('api.context.session_expired.app_error');
    expect(r.text).not.toContain('nope');
  });

  it('answers 400 to a malformed JSON body and keeps serving', async () => {
    const res = await fetch(`${server.url}/api/v4/posts`, {
      method: 'POST',
      headers: bot,
      body: '{"channel_id":',
    });
    expect(res.status).toBe(400);
    expect((await call(`${server.url}/api/v4/users/me`, 'GET', bot)).status).toBe(200);
  });
});

describe('editing posts', () => {
  async function create() {
    return (
      await call(`${server.url}/api/v4/posts`, 'POST', bot, {
        channel_id: channel,
        message: 'box',
        type: 'custom_livestatus',
        props: { from_bot: 'true', livestatus: { n: 0 } },
      })
    ).json;
  }

  it('a props-only patch replaces the whole props map and leaves edit_at at 0', async () => {
    const p = await create();
    const r = await call(`${server.url}/api/v4/posts/${p.id}/patch`, 'PUT', bot, {
      props: { livestatus: { n: 1 } },
    });
    expect(r.status).toBe(200);
    expect(r.json.props).toEqual({ livestatus: { n: 1 } });
    expect(r.json.edit_at).toBe(0);
    expect(r.json.update_at).toBeGreaterThanOrEqual(p.update_at);
    expect(server.editCount(p.id)).toBe(1);
    expect(server.editAtChanges(p.id)).toBe(0);
  });

  it('a patch that changes the message, or props.attachments, sets edit_at', async () => {
    const p = await create();
    const m = await call(`${server.url}/api/v4/posts/${p.id}/patch`, 'PUT', bot, { message: 'new' });
    expect(m.json.edit_at).toBeGreaterThan(0);
    const q = await create();
    const a = await call(`${server.url}/api/v4/posts/${q.id}/patch`, 'PUT', bot, {
      props: { attachments: [{ text: 'x' }] },
    });
    expect(a.json.edit_at).toBeGreaterThan(0);
    const same = await call(`${server.url}/api/v4/posts/${q.id}/patch`, 'PUT', bot, { message: 'box' });
    expect(same.json.edit_at).toBe(a.json.edit_at);
    expect(server.editCount(q.id)).toBe(2);
  });

  it('PUT replaces message and props and needs the id in the body', async () => {
    const p = await create();
    const bad = await call(`${server.url}/api/v4/posts/${p.id}`, 'PUT', bot, { message: 'x' });
    expect(bad.status).toBe(400);
    const r = await call(`${server.url}/api/v4/posts/${p.id}`, 'PUT', bot, {
      id: p.id,
      message: 'put',
      props: {},
    });
    expect(r.json).toMatchObject({ message: 'put', props: {} });
    expect(r.json.edit_at).toBeGreaterThan(0);
  });

  it('only the author or a system admin may edit', async () => {
    const p = await create();
    const byAlice = await call(`${server.url}/api/v4/posts/${p.id}/patch`, 'PUT', alice, { props: {} });
    expect(byAlice.status).toBe(403);
    expect(byAlice.json.id).toBe('api.context.permissions.app_error');
    const byAdmin = await call(`${server.url}/api/v4/posts/${p.id}/patch`, 'PUT', admin, { props: { a: 1 } });
    expect(byAdmin.status).toBe(200);
  });

  it('rejects props sent as a string (the OpenAPI spec is wrong; the server decodes an object)', async () => {
    const p = await create();
    const r = await call(`${server.url}/api/v4/posts/${p.id}/patch`, 'PUT', bot, { props: '{"a":1}' });
    expect(r.status).toBe(400);
  });

  it('a deleted post answers 404 to GET and 403 to edits, like api4/post.go', async () => {
    const p = await create();
    expect(server.faults.deletePost(p.id)).toBe(true);
    expect((await call(`${server.url}/api/v4/posts/${p.id}`, 'GET', bot)).status).toBe(404);
    expect((await call(`${server.url}/api/v4/posts/${p.id}/patch`, 'PUT', bot, { props: {} })).status).toBe(
      403,
    );
  });
});

describe('reading posts of a channel', () => {
  it('since returns posts updated after the time, deleted ones included', async () => {
    const a = (await call(`${server.url}/api/v4/posts`, 'POST', bot, { channel_id: channel, message: 'a' }))
      .json;
    const b = (await call(`${server.url}/api/v4/posts`, 'POST', bot, { channel_id: channel, message: 'b' }))
      .json;
    const since = Math.max(a.update_at, b.update_at);
    await new Promise((r) => setTimeout(r, 5));
    await call(`${server.url}/api/v4/posts/${a.id}/patch`, 'PUT', bot, { props: { x: 1 } });
    await call(`${server.url}/api/v4/posts/${b.id}`, 'DELETE', bot);
    const r = await call(`${server.url}/api/v4/channels/${channel}/posts?since=${since}`, 'GET', bot);
    expect(r.json.order.sort()).toEqual([a.id, b.id].sort());
    expect(r.json.posts[b.id].delete_at).toBeGreaterThan(0);
  });

  it('pages newest first with per_page', async () => {
    for (const m of ['1', '2', '3'])
      await call(`${server.url}/api/v4/posts`, 'POST', bot, { channel_id: channel, message: m });
    const r = await call(`${server.url}/api/v4/channels/${channel}/posts?page=0&per_page=2`, 'GET', bot);
    expect(r.json.order.map((id: string) => r.json.posts[id].message)).toEqual(['3', '2']);
    expect(r.json.has_next).toBe(true);
  });
});
