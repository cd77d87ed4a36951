// The built `livestatus-daemon` as a real process against mm-dev-server: graceful SIGTERM,
// kill -9 and restart (same posts, zero duplicates), a turn that ended while the daemon was down,
// an interrupted box returning to active, single instance, and status/stop; plus the legacy CLI.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, DEFAULT_IDS, type MmDevServer } from '@livestatus/mm-dev-server';
import type { Post } from '@mattermost/types/posts';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { daemonBin, ensureBuilt, exited, legacyBin, runCli, startCli } from './support/cli-process.ts';
import { until } from './support/harness.ts';
import { FakeAgent } from './support/openclaw-writer.ts';

const CH = DEFAULT_IDS.channelId;
let cleanup: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});
beforeAll(() => ensureBuilt(), 60_000);

const state = (p: Post | undefined) => (p?.props?.livestatus as { s?: string } | undefined)?.s;

async function world() {
  const server = await createServer();
  cleanup.push(() => server.close());
  const home = mkdtempSync(path.join(tmpdir(), 'ls-cli-'));
  const oc = path.join(home, '.openclaw');
  const agent = new FakeAgent(oc);
  const env: Record<string, string> = {
    MM_URL: server.url,
    MM_TOKEN: DEFAULT_IDS.botToken,
    OPENCLAW_STATE_DIR: oc,
    STATE_DIR: path.join(home, 'state'),
    PID_FILE: path.join(home, 'daemon.pid'),
    DEFAULT_CHANNEL: CH,
    HEALTH_PORT: '0',
    THROTTLE_MS: '100',
    LOG_LEVEL: 'warn',
    HOME: home,
  };
  const boxes = () => server.postsIn(CH).filter((p) => p.props?.livestatus_box);
  return { server, agent, env, boxes };
}

function daemon(env: Record<string, string>) {
  const child = startCli(['run'], env);
  cleanup.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return child;
}

async function waitStarted(server: MmDevServer, n: number) {
  await until(
    () => server.requests((e) => e.path === '/api/v4/plugins/webapp').length >= n,
    10_000,
    'daemon start',
  );
}

describe('livestatus-daemon run (built CLI process)', () => {
  it('SIGTERM marks the live box interrupted and exits 0; back up, the running turn returns to active on the same post', async () => {
    const { server, agent, env, boxes } = await world();
    const d1 = daemon(env);
    await waitStarted(server, 1);
    const key = 'agent:main:explicit:bench-1';
    const sid = await agent.startSession(1);
    await agent.flushRegistry();
    agent.step(sid, 1);
    await until(
      () => boxes().length === 1 && JSON.stringify(boxes()[0]?.props).includes('step 1'),
      10_000,
      'first post',
    );
    d1.kill('SIGTERM');
    expect(await exited(d1, 8000)).toBe(0);
    expect(state(boxes()[0])).toBe('i');

    const d2 = daemon(env);
    await waitStarted(server, 2);
    await until(() => state(boxes()[0]) === 'a', 10_000, 'back to active').catch((e) => {
      console.log(d2.output());
      throw e;
    });
    agent.step(sid, 2);
    agent.finish(sid);
    await agent.markDone(key);
    await until(() => state(boxes()[0]) === 'd', 10_000, 'done');
    expect(boxes()).toHaveLength(1);
    d2.kill('SIGTERM');
    expect(await exited(d2, 8000)).toBe(0);
  }, 60_000);

  it('after kill -9 a restart resumes the same post and finishes the turn that ended while it was down', async () => {
    const { server, agent, env, boxes } = await world();
    const d1 = daemon(env);
    await waitStarted(server, 1);
    const key = 'agent:main:explicit:bench-2';
    const sid = await agent.startSession(2);
    await agent.flushRegistry();
    agent.step(sid, 1);
    await until(() => boxes().length === 1, 10_000, 'first post');
    await new Promise((r) => setTimeout(r, 300));
    d1.kill('SIGKILL');
    await exited(d1, 5000);
    agent.step(sid, 2);
    agent.finish(sid);
    await agent.markDone(key);
    const d2 = daemon(env);
    await waitStarted(server, 2);
    await until(() => state(boxes()[0]) === 'd', 10_000, 'final state after restart');
    expect(boxes()).toHaveLength(1);
    expect(boxes()[0]?.message).toContain('All done');
    d2.kill('SIGTERM');
    expect(await exited(d2, 8000)).toBe(0);
  }, 60_000);

  it('refuses a second instance on the same PID file; status and stop work', async () => {
    const { server, env } = await world();
    const d1 = daemon(env);
    await waitStarted(server, 1);
    const second = await runCli(daemonBin, ['run'], env);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/already running/);
    const status = await runCli(daemonBin, ['status'], env);
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/is running \(pid \d+\)/);
    const stop = await runCli(daemonBin, ['stop'], env);
    expect(stop.status).toBe(0);
    expect(await exited(d1, 8000)).toBe(0);
    expect((await runCli(daemonBin, ['status'], env)).status).toBe(3);
  }, 60_000);

  it('bad config: one message listing every problem, exit 2, the token never echoed', async () => {
    const r = await runCli(daemonBin, ['run'], {
      MM_URL: '',
      MM_TOKEN: 'tok en-s3cr3t',
      MAX_ACTIVE_SESSIONS: '0',
      HOME: tmpdir(),
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/MM_URL/);
    expect(r.stderr).toMatch(/MAX_ACTIVE_SESSIONS/);
    expect(r.stderr + r.stdout).not.toContain('s3cr3t');
  });
});

describe('live-status (legacy CLI)', () => {
  it('create/update/complete still work against Mattermost, each with a deprecation notice', async () => {
    const { server, env } = await world();
    const created = await runCli(legacyBin, ['create', 'Deploying', 'v2'], env);
    expect(created.status).toBe(0);
    expect(created.stderr).toMatch(/deprecated/);
    const id = created.stdout.trim();
    expect(server.post(id)?.message).toBe('Deploying v2');
    expect((await runCli(legacyBin, ['update', id, 'Halfway'], env)).status).toBe(0);
    expect(server.post(id)?.message).toBe('Halfway');
    const done = await runCli(legacyBin, ['complete', id, 'Shipped'], env);
    expect(done.status).toBe(0);
    expect(server.post(id)?.message).toMatch(/Shipped\n\[DONE\]/);
    const bad = await runCli(legacyBin, ['update', 'nosuchpost000000000000000', 'x'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).not.toContain(DEFAULT_IDS.botToken);
  }, 30_000);

  it('start-watcher / stop-watcher pass through to the daemon', async () => {
    const { server, env } = await world();
    const start = await runCli(legacyBin, ['start-watcher'], env);
    expect(start.stderr).toMatch(/deprecated/);
    expect(start.status).toBe(0);
    await waitStarted(server, 1);
    const stop = await runCli(legacyBin, ['stop-watcher'], env);
    expect(stop.status).toBe(0);
    expect(stop.stdout).toMatch(/stopped/);
  }, 30_000);
});
