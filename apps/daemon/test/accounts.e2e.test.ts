// Several OpenClaw Mattermost accounts, end to end: the registry's `accountId` picks the bot
// (design §2). Against mm-dev-server seeded with a second bot, which — like Mattermost — lets only
// a post's author edit it, so a box updated by the wrong bot would fail with 403.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, DEFAULT_IDS, defaultSeed, type MmDevServer } from '@livestatus/mm-dev-server';
import type { Post } from '@mattermost/types/posts';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.ts';
import { type Daemon, startDaemon } from '../src/daemon.ts';
import { silentLog } from '../src/ops/metrics.ts';
import { until } from './support/harness.ts';
import { FakeAgent } from './support/openclaw-writer.ts';

const SECOND_BOT = 'secondbot00000000000000000';
const SECOND_TOKEN = 'secondbottoken000000000000';
const TS = DEFAULT_IDS.channelId;
const OFF = DEFAULT_IDS.offTopicChannelId;

let server: MmDevServer | undefined;
let daemon: Daemon | undefined;
afterEach(async () => {
  await daemon?.stop().catch(() => {});
  await server?.close();
  daemon = undefined;
  server = undefined;
});

const ls = (p: Post | undefined) => p?.props?.livestatus as { k: string; s: string } | undefined;
const dc = (to: string, accountId: string) => ({
  channel: 'mattermost',
  deliveryContext: { channel: 'mattermost', to, accountId },
});

describe('MM_ACCOUNT_TOKENS', () => {
  it('each session’s post is created and edited by its account’s bot, across a restart', async () => {
    const seed = defaultSeed();
    // Channels list no members, so every seeded user — the second bot too — is in them.
    seed.users.push({ id: SECOND_BOT, username: 'second-bot', tokens: [SECOND_TOKEN], isBot: true });
    const srv = await createServer({ seed });
    server = srv;
    const home = mkdtempSync(path.join(tmpdir(), 'ls-acc-home-'));
    const ocState = path.join(home, '.openclaw');
    const stateDir = mkdtempSync(path.join(tmpdir(), 'ls-acc-state-'));
    const env = {
      MM_URL: srv.url,
      MM_TOKEN: DEFAULT_IDS.botToken,
      MM_ACCOUNT_TOKENS: `second=${SECOND_TOKEN}`,
      OPENCLAW_STATE_DIR: ocState,
      STATE_DIR: stateDir,
      HEALTH_PORT: '0',
      THROTTLE_MS: '100',
      PID_FILE: path.join(stateDir, 'daemon.pid'),
    };
    const start = async () => {
      const r = loadConfig(env, { homedir: home, requireMattermost: true });
      if (!r.ok) throw new Error(r.problems.join('; '));
      return startDaemon({ config: r.config, log: silentLog, pluginCheckMs: 60_000, rescanIntervalMs: 200 });
    };

    const agent = new FakeAgent(ocState);
    daemon = await start();
    const sessions = [
      // [key, registry route, the bot that must author the post]
      [`agent:main:mattermost:channel:${OFF}`, dc(`channel:${OFF}`, 'default'), DEFAULT_IDS.botUserId],
      [`agent:second:mattermost:channel:${TS}`, dc(`channel:${TS}`, 'second'), SECOND_BOT],
      // A DM is between one bot and the user: the second bot's DM with alice.
      ['agent:second:main', dc(`user:${DEFAULT_IDS.aliceUserId}`, 'second'), SECOND_BOT],
      // Not listed: logged once, served by MM_TOKEN's bot rather than left without a box.
      [`agent:sales:mattermost:channel:${TS}`, dc(`channel:${TS}`, 'sales'), DEFAULT_IDS.botUserId],
    ] as const;
    const sids: string[] = [];
    for (const [i, [key, route]] of sessions.entries())
      sids.push(await agent.startSession(i + 1, route, key));
    await agent.flushRegistry();
    for (const sid of sids) agent.step(sid, 1);

    const boxPosts = () =>
      [...srv.world.posts.values()].filter((p) => p.props?.livestatus_box && !p.delete_at);
    const postOf = (key: string) => boxPosts().find((p) => ls(p)?.k === key);
    await until(() => sessions.every(([key]) => postOf(key)), 10_000, 'a post per session');

    // A restart in the middle of the turns: the next run must edit with the bot that created each post.
    await daemon.stop();
    daemon = await start();
    for (const sid of sids) agent.step(sid, 2);
    for (const [i, [key]] of sessions.entries()) {
      agent.finish(sids[i] as string);
      await agent.markDone(key);
    }
    await until(() => sessions.every(([key]) => ls(postOf(key))?.s === 'd'), 15_000, 'every post final');

    expect(boxPosts()).toHaveLength(sessions.length);
    for (const [key, , author] of sessions) {
      const p = postOf(key) as Post;
      expect(p.user_id, key).toBe(author);
      expect(srv.editCount(p.id), key).toBeGreaterThan(0);
    }
    const dm = srv.world.channels.get(postOf('agent:second:main')?.channel_id ?? '');
    expect(dm?.type).toBe('D');
    // No edit was refused as someone else's post; creates and edits went out as each post's bot.
    expect(srv.requests((e) => e.status === 403)).toEqual([]);
    const creators = srv.requests((e) => e.method === 'POST' && e.path === '/api/v4/posts');
    expect(creators.map((e) => e.principal).sort()).toEqual([
      'livestatus-bot',
      'livestatus-bot',
      'second-bot',
      'second-bot',
    ]);
    for (const [key, , author] of sessions) {
      const p = postOf(key) as Post;
      const edits = srv.requests((e) => e.method === 'PUT' && e.path === `/api/v4/posts/${p.id}/patch`);
      expect(edits.length, key).toBeGreaterThan(0);
      const name = author === SECOND_BOT ? 'second-bot' : 'livestatus-bot';
      expect(new Set(edits.map((e) => e.principal)), key).toEqual(new Set([name]));
    }
  });
});
