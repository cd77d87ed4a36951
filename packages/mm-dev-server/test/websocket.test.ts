import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createServer, DEFAULT_IDS, type MmDevServer } from '../src/index.ts';
import { alice, bot, call } from './helpers.ts';

let server: MmDevServer;
beforeEach(async () => {
  server = await createServer();
});
afterEach(async () => {
  await server.close();
});

// Collects every frame of a connection and lets a test await the next one that matches.
function connect(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/v4/websocket`, { headers });
  const frames: any[] = [];
  const waiters: Array<{ pred: (f: any) => boolean; resolve: (f: any) => void }> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString());
    frames.push(frame);
    for (const w of [...waiters])
      if (w.pred(frame)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(frame);
      }
  });
  const next = (pred: (f: any) => boolean) =>
    new Promise<any>((resolve, reject) => {
      const found = frames.find(pred);
      if (found) return resolve(found);
      waiters.push({ pred, resolve });
      setTimeout(() => reject(new Error('no matching frame')), 3000);
    });
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  return { ws, frames, next, opened };
}

describe('websocket', () => {
  it('authenticates by challenge, replies OK with seq_reply, then says hello', async () => {
    const c = connect(server.url);
    await c.opened;
    c.ws.send(
      JSON.stringify({ seq: 1, action: 'authentication_challenge', data: { token: DEFAULT_IDS.aliceToken } }),
    );
    expect(await c.next((f) => f.seq_reply === 1)).toEqual({ status: 'OK', seq_reply: 1 });
    const hello = await c.next((f) => f.event === 'hello');
    expect(hello.seq).toBe(0);
    expect(hello.data.server_version).toBeTypeOf('string');
    expect(hello.broadcast.user_id).toBe(DEFAULT_IDS.aliceUserId);
    c.ws.close();
  });

  it('delivers posted and post_edited with data.post as a JSON string to channel members, seq per connection', async () => {
    const c = connect(server.url, { Authorization: alice.Authorization });
    await c.next((f) => f.event === 'hello');
    const created = (
      await call(`${server.url}/api/v4/posts`, 'POST', bot, {
        channel_id: DEFAULT_IDS.channelId,
        message: 'hi',
        type: 'custom_livestatus',
      })
    ).json;
    const posted = await c.next((f) => f.event === 'posted');
    expect(typeof posted.data.post).toBe('string');
    expect(JSON.parse(posted.data.post)).toMatchObject({ id: created.id, props: { from_bot: 'true' } });
    expect(posted.broadcast.channel_id).toBe(DEFAULT_IDS.channelId);
    expect(posted.data).toMatchObject({
      channel_name: 'town-square',
      sender_name: '@livestatus-bot',
      set_online: true,
    });
    expect(posted.seq).toBe(1);
    await call(`${server.url}/api/v4/posts/${created.id}/patch`, 'PUT', bot, { props: { n: 2 } });
    const edited = await c.next((f) => f.event === 'post_edited');
    expect(JSON.parse(edited.data.post).props).toEqual({ n: 2 });
    expect(edited.seq).toBe(2);
    await call(`${server.url}/api/v4/posts/${created.id}`, 'DELETE', bot);
    const deleted = await c.next((f) => f.event === 'post_deleted');
    expect(JSON.parse(deleted.data.post).id).toBe(created.id);
    c.ws.close();
  });

  it('does not deliver events of channels the user is not in', async () => {
    const seed = (await import('../src/index.ts')).defaultSeed();
    seed.channels.push({
      id: 'privatechannel000000000000',
      name: 'bots-only',
      members: [DEFAULT_IDS.botUserId],
    });
    const s = await createServer({ seed });
    try {
      const c = connect(s.url, { Authorization: alice.Authorization });
      await c.next((f) => f.event === 'hello');
      await call(`${s.url}/api/v4/posts`, 'POST', bot, {
        channel_id: 'privatechannel000000000000',
        message: 'secret',
      });
      await call(`${s.url}/api/v4/posts`, 'POST', bot, {
        channel_id: DEFAULT_IDS.channelId,
        message: 'public',
      });
      const posted = await c.next((f) => f.event === 'posted');
      expect(JSON.parse(posted.data.post).message).toBe('public');
      expect(c.frames.filter((f) => f.event === 'posted')).toHaveLength(1);
      c.ws.close();
    } finally {
      await s.close();
    }
  });

  it('closes a connection whose challenge token is wrong', async () => {
    const c = connect(server.url);
    await c.opened;
    const closed = new Promise<void>((resolve) => c.ws.once('close', () => resolve()));
    c.ws.send(JSON.stringify({ seq: 1, action: 'authentication_challenge', data: { token: 'wrong' } }));
    await closed;
    expect(c.frames).toEqual([]);
  });
});
