// The proof a real client accepts the server: @mattermost/client's Client4, unchanged.
import { Client4 } from '@mattermost/client';
import type { Post } from '@mattermost/types/posts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, DEFAULT_IDS, type MmDevServer } from '../src/index.ts';

let server: MmDevServer;
let client: Client4;
beforeAll(async () => {
  server = await createServer();
  client = new Client4();
  client.setUrl(server.url);
  client.setToken(DEFAULT_IDS.botToken);
});
afterAll(async () => {
  await server.close();
});

describe('Client4 against mm-dev-server', () => {
  it('getMe returns the bot', async () => {
    const me = await client.getMe();
    expect(me).toMatchObject({ id: DEFAULT_IDS.botUserId, username: 'livestatus-bot', is_bot: true });
  });

  it('creates, patches, and reads back with getPostsSince', async () => {
    const created = await client.createPost({
      channel_id: DEFAULT_IDS.channelId,
      message: 'box',
      type: 'custom_livestatus',
      props: { livestatus: { v: 1 } },
    } as unknown as Post);
    expect(created.props).toMatchObject({ from_bot: 'true' });
    const patched = await client.patchPost({
      id: created.id,
      props: { from_bot: 'true', livestatus: { v: 2 } },
    });
    expect(patched.edit_at).toBe(0);
    const since = await client.getPostsSince(DEFAULT_IDS.channelId, created.create_at - 1);
    expect(since.posts[created.id]?.props).toEqual({ from_bot: 'true', livestatus: { v: 2 } });
    expect(server.editCount(created.id)).toBe(1);
  });

  it('lists webapp plugins (empty until one is enabled)', async () => {
    expect(await client.getWebappPlugins()).toEqual([]);
  });

  it('surfaces Mattermost errors as ClientError with the server id and status', async () => {
    await expect(client.getPost('doesnotexist00000000000000')).rejects.toMatchObject({
      status_code: 404,
      server_error_id: 'app.post.get.app_error',
    });
  });

  it('logs in with a password and uses the cookie session with the CSRF token', async () => {
    const browser = new Client4();
    browser.setUrl(server.url);
    const user = await browser.login('alice', DEFAULT_IDS.alicePassword);
    expect(user.username).toBe('alice');
    const login = server.requests((e) => e.path === '/api/v4/users/login').at(-1);
    expect(login?.status).toBe(200);
    expect(browser.getToken()).toMatch(/^[a-z0-9]{26}$/);
  });
});
