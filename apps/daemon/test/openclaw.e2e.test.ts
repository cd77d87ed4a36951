// End to end with the REAL OpenClaw gateway (both storage eras, via @livestatus/openclaw-e2e and
// its scripted loopback model): a turn with tools, then a turn that spawns a sub-agent, while the
// daemon watches the gateway's state directory and posts to mm-dev-server. Under CI=true an
// install failure fails the suite (never skips).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureOpenClaw,
  type Gateway,
  OPENCLAW_VERSIONS,
  type ScriptedModel,
  startGateway,
  startScriptedModel,
  subagentScenario,
} from '@livestatus/openclaw-e2e';
import type { LivestatusPropsV1 } from '@livestatus/render/props';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, until } from './support/harness.ts';

const CHANNEL_KEY = 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue';
// The scripted model picks its script from the session's first message: one session per scenario.
const THREAD_KEY = `${CHANNEL_KEY}:thread:8z1yq3mhsfn5pcd7e4u9wqx2ka`;
const ls = (p: { props?: Record<string, unknown> }) => p.props?.livestatus as LivestatusPropsV1;

let model: ScriptedModel;
beforeAll(async () => {
  model = await startScriptedModel();
});
afterAll(async () => {
  await model?.close();
});

describe.each(OPENCLAW_VERSIONS)('real OpenClaw %s watched by the daemon', (version) => {
  let gateway: Gateway | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    try {
      await ensureOpenClaw(version);
    } catch (error) {
      throw new Error(
        `openclaw@${version} could not be installed, so this suite cannot run: ${(error as Error).message}`,
      );
    }
  }, 600_000);
  afterAll(async () => {
    await h?.close();
    await gateway?.stop();
  });

  it('posts one live box per turn: tools with their results, the sub-agent nested, final states, no pings', async () => {
    const home = await mkdtemp(join(tmpdir(), `ls-daemon-oc-${version}-`));
    gateway = await startGateway({ version, home, modelUrl: model.url });
    h = await harness({ plugin: true, ocState: gateway.stateDir });
    const daemon = await h.start();

    const basic = await gateway.runAgent({
      sessionKey: THREAD_KEY,
      message: 'List the work dir [scenario:basic]',
      timeoutMs: 180_000,
    });
    expect(basic.exitCode).toBe(0);
    const spawn = await gateway.runAgent({
      sessionKey: CHANNEL_KEY,
      message: `Delegate [scenario:${subagentScenario(version)}]`,
      timeoutMs: 180_000,
    });
    expect(spawn.exitCode).toBe(0);
    await gateway.waitForIdle();
    const hh = h;
    await until(
      () => hh.boxPosts().length >= 2 && hh.boxPosts().every((p) => ls(p).s !== 'a'),
      30_000,
      'every box final',
    ).catch((err: Error) => {
      const summary = hh.boxPosts().map((p) => `${ls(p).k}#${ls(p).n}=${ls(p).s} lines=${ls(p).L.length}`);
      throw new Error(`${err.message}: ${summary.join(', ')}`);
    });

    // The sub-agent usually ends after its parent's final reply: that late change lands on the same post.
    const spawnDone = () =>
      hh
        .boxPosts()
        .flatMap((p) => ls(p).L)
        .some((l) => l[0] === 'x' && l[1] === 'sessions_spawn' && l[5]?.s === 'd');
    await until(spawnDone, 30_000, 'the sub-agent drawn done inside its parent box');
    const posts = hh.boxPosts();
    const turns = posts.map((p) => `${ls(p).k}#${ls(p).n}`);
    expect(new Set(turns).size).toBe(turns.length);
    expect(
      posts.every((p) => (p.type as string) === 'custom_livestatus' && p.props?.from_bot === 'true'),
    ).toBe(true);
    // Sub-agents are drawn inside their parent's box, never in boxes of their own.
    expect(posts.some((p) => ls(p).k.includes(':subagent:'))).toBe(false);

    const lines = posts.flatMap((p) => ls(p).L);
    const tools = lines.filter((l) => l[0] === 'x');
    expect(tools.some((l) => l[1] === 'exec' && l[3] === 'o')).toBe(true);
    expect(tools.some((l) => l[1] === 'exec' && l[3] === 'e')).toBe(true); // the failing exec of the scenario
    const spawnLine = tools.find((l) => l[1] === 'sessions_spawn');
    expect(spawnLine?.[5]?.s).toBe('d');
    expect(spawnLine?.[5]?.L.length).toBeGreaterThan(0);

    for (const p of posts) {
      expect(['d', 'e'], `${ls(p).k} turn ${ls(p).n}: ${JSON.stringify(ls(p).L)}`).toContain(ls(p).s);
      // Plugin mode: live updates were props-only; `message` changed only with the turn state.
      const states = [...(hh.server.world.history.get(p.id) ?? []), p].map((v) => ls(v).s);
      const stateChanges = states.filter((st, i) => i > 0 && st !== states[i - 1]).length;
      expect(hh.server.editAtChanges(p.id)).toBeLessThanOrEqual(stateChanges);
      for (const m of hh.server.mentionsOf(p.id)) expect(m.channelWide || m.users.length > 0).toBe(false);
    }
    expect(daemon.health().counters.requestErrors).toBe(0);
  }, 600_000);
});
