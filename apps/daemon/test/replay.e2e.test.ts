// End to end: real OpenClaw fixtures of both storage eras replayed live into a temp OpenClaw home
// while the daemon runs in-process against mm-dev-server, retimed (the transcripts' own
// timestamps moved into the present) so the daemon runs with its default idle/duration caps. Everything is asserted from what the
// server received and stored, and compared with the box `render` computes offline afterwards.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DEFAULT_IDS } from '@livestatus/mm-dev-server';
import type { LivestatusPropsV1 } from '@livestatus/render/props';
import { type ReplayScenario, replayFixture } from '@livestatus/transcript';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, harness, snapshotTree, until } from './support/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SPEED = 10;
const terminal = new Set(['d', 'e', 'i']);
const ls = (p: { props?: Record<string, unknown> }) => p.props?.livestatus as LivestatusPropsV1;

async function replayWithDaemon(fixture: ReplayScenario, plugin: boolean) {
  h = await harness({ plugin });
  const daemon = await h.start();
  const started = Date.now();
  await replayFixture({ fixture, stateDir: h.ocState, speed: SPEED, maxGapMs: 400, retime: true });
  const replayMs = Date.now() - started;
  const hh = h;
  await until(
    () => hh.boxPosts().length > 0 && hh.boxPosts().every((p) => terminal.has(ls(p).s)),
    15_000,
    'final states',
  );
  return { h: hh, daemon, replayMs };
}

describe.each([
  ['v2026.7.35-gateway', false],
  ['v2026.7.35-local-basic', true],
  ['v2026.9.6-sqlite-local-basic', true],
  ['v2026.9.6-sqlite-gateway-subagent', false],
] as const)('replaying %s (plugin %s)', (fixture, plugin) => {
  it('keeps exactly one post per turn, final, paced, without pings', async () => {
    const { h, daemon, replayMs } = await replayWithDaemon(fixture, plugin);
    const posts = h.boxPosts();
    const turns = posts.map((p) => `${ls(p).k}#${ls(p).n}`);
    expect(new Set(turns).size).toBe(turns.length);
    for (const p of posts) {
      expect(p.channel_id).toBe(DEFAULT_IDS.channelId);
      expect(p.props?.from_bot).toBe('true');
      expect(terminal.has(ls(p).s)).toBe(true);
      // Paced: at most one edit per throttle window over the turn (+3 for start/end/state edges).
      const edits = h.server.editCount(p.id);
      expect(edits).toBeLessThanOrEqual(Math.ceil(replayMs / 200) + 3);
      if (plugin) {
        expect(p.type).toBe('custom_livestatus');
        // Live updates never touch `message`: edit_at moves only on state changes.
        expect(h.server.editAtChanges(p.id)).toBeLessThanOrEqual(2);
      }
      for (const m of h.server.mentionsOf(p.id)) {
        expect(m.channelWide).toBe(false);
        expect(m.users).toEqual([]);
      }
    }
    // Sub-agents live inside their parent's box, not in boxes of their own.
    expect(posts.some((p) => ls(p).k.includes(':subagent:'))).toBe(false);
    // The server stores a post before the daemon has read the answer (under load the test saw the
    // final post while postsCreated was still 0): wait for the daemon to account for every post.
    const counted = () => {
      const c = daemon.health().counters;
      return c.postsCreated + c.lostCreatesRecovered;
    };
    await until(() => counted() >= posts.length, 10_000, 'the daemon to count its posts');
    expect(counted()).toBe(posts.length);
    expect(daemon.health().mode).toBe(plugin ? 'plugin' : 'rest');
  }, 60_000);
});

/** Bind-mount a directory read-only onto itself where the machine allows it (root, no container limits). */
function readOnlyMount(dir: string): { ok: true; undo: () => void } | { ok: false; why: string } {
  const m = spawnSync('mount', ['--bind', dir, dir], { encoding: 'utf8' });
  if (m.status !== 0) return { ok: false, why: (m.stderr || 'mount failed').trim() };
  const ro = spawnSync('mount', ['-o', 'remount,ro,bind', dir], { encoding: 'utf8' });
  const undo = () => void spawnSync('umount', [dir]);
  if (ro.status !== 0) {
    undo();
    return { ok: false, why: (ro.stderr || 'remount ro failed').trim() };
  }
  return { ok: true, undo };
}

describe('the OpenClaw state directory', () => {
  it('is never written by the daemon, also across a restart on a read-only mount', async () => {
    h = await harness();
    const first = await h.start();
    await replayFixture({
      fixture: 'v2026.7.35-gateway',
      stateDir: h.ocState,
      speed: 20,
      maxGapMs: 200,
      retime: true,
    });
    const hh = h;
    await until(
      () => hh.boxPosts().length > 0 && hh.boxPosts().every((p) => terminal.has(ls(p).s)),
      15_000,
      'final',
    );
    await first.stop();
    const before = snapshotTree(h.ocState);
    const mount = readOnlyMount(h.ocState);
    if (!mount.ok) console.warn(`read-only bind mount not possible here (${mount.why}); tree snapshot only`);
    try {
      const second = await h.start();
      await new Promise((r) => setTimeout(r, 1500));
      await second.stop();
    } finally {
      if (mount.ok) mount.undo();
    }
    expect(snapshotTree(h.ocState)).toEqual(before);
    // The restart resumed nothing twice: still one post per turn.
    const turns = h.boxPosts().map((p) => `${ls(p).k}#${ls(p).n}`);
    expect(new Set(turns).size).toBe(turns.length);
  }, 40_000);
});

// The reader side of SQLITE_BUSY (exclusive locking mode, which a live WAL writer never lets a
// third connection take) is covered in packages/transcript's SQLite source tests.
describe('SQLite era under a busy writer', () => {
  it('a write transaction held mid-run delays nothing it should not and loses or doubles nothing', async () => {
    h = await harness({ plugin: true });
    const daemon = await h.start();
    const hh = h;
    let step = 0;
    await replayFixture({
      fixture: 'v2026.9.6-sqlite-local-basic',
      stateDir: hh.ocState,
      speed: 5,
      maxGapMs: 300,
      retime: true,
      // OpenClaw's writer holds the database while the daemon polls: hold it for 1.5 s mid-run.
      onStep: async () => {
        if (++step !== 8) return;
        const db = new DatabaseSync(path.join(hh.ocState, 'agents/main/agent/openclaw-agent.sqlite'), {
          timeout: 5000,
        });
        db.exec('BEGIN EXCLUSIVE');
        await new Promise((r) => setTimeout(r, 1500));
        db.exec('COMMIT');
        db.close();
      },
    });
    await until(
      () => hh.boxPosts().length > 0 && hh.boxPosts().every((p) => terminal.has(ls(p).s)),
      15_000,
      'final',
    );
    const posts = hh.boxPosts();
    expect(posts).toHaveLength(1);
    expect(ls(posts[0]!).s).toBe('d');
    expect(step).toBeGreaterThanOrEqual(8);
    expect(daemon.health().status).toBe('ok');
    expect(ls(posts[0]!).L.some((l) => l[0] === 't' && l[1].startsWith('Done.'))).toBe(true);
  }, 40_000);
});
