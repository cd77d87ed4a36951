// End to end: `npm start`'s demo as a newcomer runs it (the built bundle, `--no-tui` as when
// stdout is not a terminal), checked from the outside: the page is served and logs the browser in
// as alice, the daemon's status post reaches [DONE] on the demo server, and Ctrl-C stops every
// process, frees the port and removes the temp dir.
import { existsSync } from 'node:fs';
import { DEFAULT_IDS } from '@livestatus/mm-dev-server';
import { validateProps } from '@livestatus/render/props';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script without type declarations
import { buildDemo } from '../build.mjs';
import { missingParts } from '../src/repo-paths.ts';
import { type DemoRun, descendants, freePort, isAlive, portIsFree, runDemo } from './support/demo-process.ts';

interface PostList {
  order: string[];
  posts: Record<string, { message: string; type: string; user_id: string; props?: { livestatus?: unknown } }>;
}

describe('npm start demo (built bundle, --no-tui)', () => {
  let demo: DemoRun;
  let port = 0;
  let pageUrl = '';
  let tempDir = '';
  let daemonPid = 0;
  let started: number[] = [];

  beforeAll(async () => {
    // The other parts are built by `npm test` (turbo) before vitest; missing ones fail here, by name.
    expect(missingParts()).toEqual([]);
    await buildDemo();
    port = await freePort();
    demo = runDemo(['--no-tui', '--port', String(port), '--speed', '20']);
    pageUrl = (await demo.waitFor(/Mattermost page +(http:\/\/\S+)/, 30_000))[1] ?? '';
    tempDir = (await demo.waitFor(/temp dir +(\S+)/, 5_000))[1] ?? '';
    daemonPid = Number((await demo.waitFor(/daemon +pid (\d+)/, 5_000))[1]);
    started = descendants(demo.child.pid!);
  }, 60_000);

  afterAll(() => {
    if (demo.child.exitCode === null) demo.child.kill('SIGKILL');
    for (const pid of started) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  });

  it('serves the Mattermost host page on the given port and logs the browser in as alice', async () => {
    expect(pageUrl).toBe(`http://127.0.0.1:${port}/`);
    expect(existsSync(tempDir)).toBe(true);
    expect(started).toContain(daemonPid);
    const res = await fetch(pageUrl);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<script src="/__host/host.js"></script>');
    expect(html).toContain('<script src="/__host/react.js"></script>');
    const cookies = res.headers.getSetCookie().join('; ');
    expect(cookies).toContain(`MMUSERID=${DEFAULT_IDS.aliceUserId}`);
    const host = await fetch(`${pageUrl}__host/host.js`);
    expect(host.status).toBe(200);
    expect(await host.text()).toContain('window.registerPlugin');

    // Through the page's origin, with the cookie the page got: the API as the browser sees it.
    const token = /MMAUTHTOKEN=([^;]+)/.exec(cookies)?.[1];
    const me = await fetch(`${pageUrl}api/v4/users/me`, { headers: { cookie: `MMAUTHTOKEN=${token}` } });
    expect(((await me.json()) as { username: string }).username).toBe('alice');
    const plugins = (await (await fetch(`${pageUrl}api/v4/plugins/webapp`)).json()) as Array<{ id: string }>;
    expect(plugins.map((p) => p.id)).toContain('com.openclaw.livestatus');
  });

  it('shows a live status post that reaches [DONE], posted by the daemon as the bot', async () => {
    const login = await fetch(`${pageUrl}api/v4/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login_id: 'alice', password: DEFAULT_IDS.alicePassword }),
    });
    const token = /MMAUTHTOKEN=([^;]+)/.exec(login.headers.getSetCookie().join('; '))?.[1];
    const isDone = (props: unknown) => {
      const v = validateProps(props);
      return v.ok && v.view.state === 'done';
    };
    const done = async () => {
      const res = await fetch(`${pageUrl}api/v4/channels/${DEFAULT_IDS.channelId}/posts`, {
        headers: { cookie: `MMAUTHTOKEN=${token}`, 'x-requested-with': 'XMLHttpRequest' },
      });
      const list = (await res.json()) as PostList;
      return Object.values(list.posts).filter(
        (p) =>
          p.user_id === DEFAULT_IDS.botUserId &&
          p.type === 'custom_livestatus' &&
          // What the plugin draws: the validated view in the props, and the Markdown box
          // in `message` for mobile and plugin-less clients (escaped: `\\[DONE\\]`).
          isDone(p.props?.livestatus) &&
          p.message.startsWith('> \\[DONE\\]'),
      );
    };
    await expect
      .poll(async () => (await done()).length, { timeout: 45_000, interval: 500 })
      .toBeGreaterThan(0);
  }, 60_000);

  it('stops everything on SIGINT: exit 0, port free, temp dir gone, no process left', async () => {
    expect(isAlive(daemonPid)).toBe(true);
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    expect(demo.output()).toContain('Stopped; temp dir removed.');
    expect(await portIsFree(port)).toBe(true);
    expect(existsSync(tempDir)).toBe(false);
    expect(started.filter(isAlive)).toEqual([]);
  }, 30_000);
});
