import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer, DEFAULT_IDS, type MmDevServer } from '../src/index.ts';

let server: MmDevServer;
beforeEach(async () => {
  server = await createServer();
});
afterEach(async () => {
  await server.close();
});

async function login() {
  const res = await fetch(`${server.url}/api/v4/users/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
    body: JSON.stringify({ login_id: 'alice', password: DEFAULT_IDS.alicePassword }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
  const csrf = cookies.find((c) => c.startsWith('MMCSRF='))?.slice(7) ?? '';
  return { res, cookie: cookies.join('; '), csrf };
}

describe('browser login and cookie sessions', () => {
  it('sets MMAUTHTOKEN, MMUSERID and MMCSRF cookies and a Token header', async () => {
    const { res, cookie, csrf } = await login();
    expect(res.status).toBe(200);
    expect(res.headers.get('token')).toMatch(/^[a-z0-9]{26}$/);
    expect(cookie).toContain(`MMUSERID=${DEFAULT_IDS.aliceUserId}`);
    expect(csrf).toMatch(/^[a-z0-9]{26}$/);
    const me = await fetch(`${server.url}/api/v4/users/me`, { headers: { Cookie: cookie } });
    expect((await me.json()).username).toBe('alice');
  });

  it('refuses a wrong password with 401 and does not echo it', async () => {
    const res = await fetch(`${server.url}/api/v4/users/login`, {
      method: 'POST',
      body: JSON.stringify({ login_id: 'alice', password: 'hunter2-wrong' }),
    });
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('hunter2');
  });

  it('requires X-CSRF-Token equal to MMCSRF on non-GET cookie requests', async () => {
    const { cookie, csrf } = await login();
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/v4/posts`, {
        method: 'POST',
        headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest', ...headers },
        body: JSON.stringify({ channel_id: DEFAULT_IDS.channelId, message: 'from the browser' }),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'X-CSRF-Token': 'forged' })).status).toBe(401);
    expect((await post({ 'X-CSRF-Token': csrf })).status).toBe(201);
  });

  it('serves unauthenticated ping and webapp plugin list', async () => {
    expect((await fetch(`${server.url}/api/v4/system/ping`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/api/v4/plugins/webapp`)).json()).toEqual([]);
  });
});
