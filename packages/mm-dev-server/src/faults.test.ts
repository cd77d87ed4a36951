// The lost-answer fault: the request is handled in full, only its answer never leaves. Decided
// by the pure FaultState, acted on by the real server (the post exists, the client saw a reset).
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from './clock.ts';
import { dropRule, FaultState } from './faults.ts';
import { DEFAULT_IDS } from './seed.ts';
import { createServer, type MmDevServer } from './server.ts';

describe('FaultState.takeDrop', () => {
  it('consumes only matching rules, count times', () => {
    const f = new FaultState(manualClock());
    f.drops.push(dropRule({ count: 2, method: 'POST', pathPrefix: '/api/v4/posts' }));
    expect(f.takeDrop('PUT', '/api/v4/posts/x/patch')).toBe(false);
    expect(f.takeDrop('GET', '/api/v4/users/me')).toBe(false);
    expect(f.takeDrop('POST', '/api/v4/posts')).toBe(true);
    expect(f.takeDrop('POST', '/api/v4/posts')).toBe(true);
    expect(f.takeDrop('POST', '/api/v4/posts')).toBe(false);
    f.drops.push(dropRule({ count: 1 }));
    f.clear();
    expect(f.takeDrop('POST', '/api/v4/posts')).toBe(false);
  });
});

describe('dropResponseNext on the real server', () => {
  let server: MmDevServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('stores and broadcasts the post, then destroys the socket unanswered', async () => {
    server = await createServer();
    const headers = { Authorization: `Bearer ${DEFAULT_IDS.botToken}`, 'Content-Type': 'application/json' };
    const create = (message: string) =>
      fetch(`${server!.url}/api/v4/posts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ channel_id: DEFAULT_IDS.channelId, message }),
      });
    server.faults.dropResponseNext(1, { method: 'POST', pathPrefix: '/api/v4/posts' });
    const posted = server.waitFor((e) => e.kind === 'post' && e.event.type === 'posted', 5000);
    await expect(create('lost answer')).rejects.toThrow();
    await posted;
    const stored = server.postsIn(DEFAULT_IDS.channelId).filter((p) => p.message === 'lost answer');
    expect(stored).toHaveLength(1);
    const [entry] = server.requests((e) => e.fault === 'dropped');
    expect(entry).toMatchObject({ method: 'POST', path: '/api/v4/posts', status: 201, responseBytes: 0 });
    // Only the next one: the following create is answered normally.
    const ok = await create('answered');
    expect(ok.status).toBe(201);
    expect(server.requests((e) => e.fault === 'dropped')).toHaveLength(1);
  });
});
