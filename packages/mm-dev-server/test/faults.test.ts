import { afterEach, describe, expect, it } from 'vitest';
import { createServer, DEFAULT_IDS, type MmDevServer, manualClock } from '../src/index.ts';
import { bot, call } from './helpers.ts';

let server: MmDevServer;
afterEach(async () => {
  await server.close();
});

const me = () => `${server.url}/api/v4/users/me`;

describe('fault injection', () => {
  it('fails the next N matching requests with the given status, then recovers', async () => {
    server = await createServer();
    server.faults.failNext(2, 503, { method: 'PUT' });
    expect((await call(me(), 'GET', bot)).status).toBe(200);
    const created = (
      await call(`${server.url}/api/v4/posts`, 'POST', bot, {
        channel_id: DEFAULT_IDS.channelId,
        message: 'x',
      })
    ).json;
    const patch = () => call(`${server.url}/api/v4/posts/${created.id}/patch`, 'PUT', bot, { props: {} });
    expect((await patch()).status).toBe(503);
    expect((await patch()).status).toBe(503);
    expect((await patch()).status).toBe(200);
    expect(server.requests((e) => e.fault === 'error')).toHaveLength(2);
  });

  it('fails a fraction of requests using the injected random source', async () => {
    const rolls = [0.1, 0.9, 0.2, 0.8];
    server = await createServer({ random: () => rolls.shift() ?? 1 });
    server.faults.failRate(0.5, 500);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(me(), 'GET', bot)).status);
    expect(statuses).toEqual([500, 200, 500, 200]);
  });

  it('fails inside a window of the injected clock only', async () => {
    const clock = manualClock(1000);
    server = await createServer({ clock });
    server.faults.failWindow(2000, 3000, 502);
    expect((await call(me(), 'GET', bot)).status).toBe(200);
    clock.set(2500);
    expect((await call(me(), 'GET', bot)).status).toBe(502);
    clock.set(3000);
    expect((await call(me(), 'GET', bot)).status).toBe(200);
  });

  it('resets the connection', async () => {
    server = await createServer();
    server.faults.resetNext(1);
    await expect(fetch(me(), { headers: bot })).rejects.toThrow();
    expect((await call(me(), 'GET', bot)).status).toBe(200);
    expect(server.requests((e) => e.fault === 'reset')).toHaveLength(1);
  });

  it('adds latency through the injected timers', async () => {
    const delays: number[] = [];
    server = await createServer({
      timers: {
        setTimeout: (fn, ms) => {
          delays.push(ms);
          return setTimeout(fn, 0);
        },
        clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      },
    });
    server.faults.latency(750);
    expect((await call(me(), 'GET', bot)).status).toBe(200);
    expect(delays).toEqual([750]);
  });

  it('refuses connections during an outage and serves again on the same port afterwards', async () => {
    server = await createServer();
    const port = server.port;
    await server.faults.outage();
    await expect(fetch(me(), { headers: bot })).rejects.toThrow();
    await server.faults.endOutage();
    expect(server.port).toBe(port);
    expect((await call(me(), 'GET', bot)).status).toBe(200);
  });

  it('answers 429 with plain text and Mattermost headers once the burst is spent', async () => {
    const clock = manualClock();
    server = await createServer({ clock, rateLimit: { enabled: true, perSec: 1, maxBurst: 1 } });
    const a = await call(me(), 'GET', bot);
    expect(a.headers.get('x-ratelimit-limit')).toBe('2');
    expect((await call(me(), 'GET', bot)).status).toBe(200);
    const limited = await call(me(), 'GET', bot);
    expect(limited.status).toBe(429);
    expect(limited.text).toBe('limit exceeded\n');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    clock.advance(1000);
    expect((await call(me(), 'GET', bot)).status).toBe(200);
    server.faults.rateLimit(false);
    for (let i = 0; i < 5; i++) expect((await call(me(), 'GET', bot)).status).toBe(200);
  });
});

describe('request log', () => {
  it('records method, path, status, sizes and principal; waitFor resolves on a matching event', async () => {
    server = await createServer();
    const waiting = server.waitFor((e) => e.kind === 'post' && e.event.type === 'posted');
    const body = { channel_id: DEFAULT_IDS.channelId, message: 'logged' };
    await call(`${server.url}/api/v4/posts`, 'POST', bot, body);
    const event = await waiting;
    expect(event.kind).toBe('post');
    const [entry] = server.requests((e) => e.path === '/api/v4/posts');
    expect(entry).toMatchObject({ method: 'POST', status: 201, principal: 'livestatus-bot', fault: null });
    expect(entry?.requestBytes).toBe(JSON.stringify(body).length);
    expect(entry?.responseBytes).toBeGreaterThan(100);
    expect(server.bytesReceived((e) => e.method === 'POST')).toBe(JSON.stringify(body).length);
  });

  it('records who a post would notify, on create and on edit', async () => {
    server = await createServer();
    const p = (
      await call(`${server.url}/api/v4/posts`, 'POST', bot, {
        channel_id: DEFAULT_IDS.channelId,
        message: 'hey @alice',
      })
    ).json;
    await call(`${server.url}/api/v4/posts/${p.id}/patch`, 'PUT', bot, {
      message: 'now `@channel` and \\@here',
    });
    expect(server.mentionsOf(p.id)).toEqual([
      { postId: p.id, kind: 'create', channelWide: false, users: ['alice'], otherPotential: [] },
      { postId: p.id, kind: 'edit', channelWide: true, users: [], otherPotential: [] },
    ]);
  });
});
