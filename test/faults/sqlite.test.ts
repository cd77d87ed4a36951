// SQLite era (OpenClaw ≥ 2026.8): a real fixture database written row by row by one open WAL
// writer (OpenClaw's way) while the real daemon process follows it read-only, and the writer holds
// its locks mid-turn. What blocks a WAL reader, measured on this SQLite (node:sqlite):
// - BEGIN IMMEDIATE and BEGIN EXCLUSIVE do NOT: in WAL mode both only take the write lock, readers
//   go on reading the last committed snapshot (no SQLITE_BUSY; the uncommitted row stays unseen).
// - wal_checkpoint(TRUNCATE) does not block an idle reader, and an idle reader does not block it.
// - A writer in `PRAGMA locking_mode=EXCLUSIVE` does: after its first write it keeps the database
//   file's EXCLUSIVE lock and every new reader gets SQLITE_BUSY until it returns to NORMAL and
//   touches the database. It can take that lock only while no other connection holds a SHARED
//   lock (a WAL connection keeps one for its whole life), so it meets the daemon when the daemon
//   starts (or restarts) mid-turn: that is the scenario that produces SQLITE_BUSY for real.
import path from 'node:path';
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import {
  fixturesDir,
  prepareSqliteReplay,
  type SqliteReplay,
  type SqliteReplayStep,
} from '@livestatus/transcript';
import { afterEach, describe, expect } from 'vitest';
import { unescapeMarkdown } from './support/delivery.ts';
import {
  boxOf,
  boxPosts,
  duplicates,
  expectedLinesIn,
  isPostWrite,
  lostLines,
  until,
} from './support/invariants.ts';
import { type Figures, scenario } from './support/report.ts';
import { type Stack, stack } from './support/stack.ts';

let s: Stack | undefined;
let replay: SqliteReplay | undefined;
afterEach(async () => {
  replay?.close();
  replay = undefined;
  await s?.close();
  s = undefined;
});

const FIXTURE = 'v2026.9.6-sqlite-local-basic';
const HOLD_MS = 2000;
const STEP_MS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Run {
  stateDir: string;
  replay: SqliteReplay;
  key: string;
  sessionId: string;
  /** Index of the next step to write. */
  next: number;
}

async function sqliteRun(st: Stack): Promise<Run> {
  const stateDir = path.join(st.home.home, 'sqlite-state');
  replay = await prepareSqliteReplay({ fixtureDir: path.join(fixturesDir, FIXTURE), stateDir, retime: true });
  const start = replay.steps.find((x) => x.kind === 'session-start');
  const event = replay.steps.find((x) => x.kind === 'event');
  if (start?.kind !== 'session-start' || event?.kind !== 'event') throw new Error(`${FIXTURE}: no run in it`);
  return { stateDir, replay, key: start.key, sessionId: event.sessionId, next: 0 };
}

/** Writes steps (one transaction each, as OpenClaw does) until index `to` (exclusive). */
async function writeUntil(run: Run, to: number, gapMs = STEP_MS): Promise<void> {
  while (run.next < Math.min(to, run.replay.steps.length)) {
    run.replay.apply(run.replay.steps[run.next++]!);
    await sleep(gapMs);
  }
}

const insert = (db: DatabaseSync, table: string, row: Record<string, SQLInputValue>) =>
  db
    .prepare(
      `INSERT INTO ${table} (${Object.keys(row)
        .map((c) => `"${c}"`)
        .join(', ')}) VALUES (${Object.keys(row)
        .map(() => '?')
        .join(', ')})`,
    )
    .run(...Object.values(row));

/** The next event row written inside a transaction the caller holds open (`BEGIN …` then COMMIT). */
function insertNextEvent(run: Run): SqliteReplayStep {
  const step = run.replay.steps[run.next]!;
  if (step.kind !== 'event') throw new Error(`step ${run.next} is a ${step.kind}, not an event`);
  insert(run.replay.writer, 'transcript_events', step.event);
  for (const i of step.identities) insert(run.replay.writer, 'transcript_event_identities', i);
  run.next++;
  return step;
}

const busyReports = (st: Stack) =>
  (st.daemon?.logLines() ?? []).filter((l) => /database (is )?(busy|locked)/i.test(String(l.msg ?? '')))
    .length;

/** Time from `t0` until the server receives the next post write (a figure; -1 when none in 5 s). */
async function nextWriteAfter(st: Stack, t0: number): Promise<number> {
  const w = () => st.server.requests((e) => isPostWrite(e) && e.startedAt >= t0)[0];
  await until(() => w() !== undefined, 5000, 'a post write').catch(() => undefined);
  const e = w();
  return e ? e.startedAt - t0 : -1;
}

/** The whole run delivered: one box, done, equal to `render` of the final database. */
async function expectSqliteDelivered(st: Stack, run: Run, fig: Figures): Promise<void> {
  const t0 = Date.now();
  const post = await st.waitState(run.key, 'd', 15_000);
  fig.final_wait_ms = Date.now() - t0;
  const all = boxPosts(st.server);
  const expected = expectedLinesIn(st.home, run.stateDir, run.sessionId);
  fig.posts = all.length;
  fig.duplicates = duplicates(all);
  fig.lost_updates = lostLines(boxOf(post)!.L, expected);
  fig.edits = st.server.editCount(post.id);
  expect(boxOf(post)!.L).toEqual(expected);
  expect(unescapeMarkdown(post.message)).toContain('[DONE]');
  expect(fig.duplicates).toBe(0);
  expect(all.length).toBe(1);
}

describe('SQLite writer holding locks', () => {
  scenario('SQLite writer holds BEGIN IMMEDIATE / EXCLUSIVE mid-turn (WAL)', async (fig) => {
    s = await stack();
    const run = await sqliteRun(s);
    await s.startDaemon({ OPENCLAW_STATE_DIR: run.stateDir });
    const events = run.replay.steps.filter((x) => x.kind === 'event').length;
    fig.rows = events;
    await writeUntil(run, Math.floor(run.replay.steps.length / 3));
    await s.postOf(run.key);

    for (const mode of ['IMMEDIATE', 'EXCLUSIVE'] as const) {
      // The writer opens its transaction, writes the next row and sits on it.
      run.replay.writer.exec(`BEGIN ${mode}`);
      insertNextEvent(run);
      const heldAt = Date.now();
      await sleep(HOLD_MS);
      const commitAt = Date.now();
      run.replay.writer.exec('COMMIT');
      fig[`${mode.toLowerCase()}_held_ms`] = commitAt - heldAt;
      fig[`${mode.toLowerCase()}_commit_to_update_ms`] = await nextWriteAfter(s, commitAt);
      await writeUntil(run, run.next + 3);
    }
    // A checkpoint by the writer mid-turn: the daemon's idle read connection must not hold it up.
    const ckpt = run.replay.writer.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get() as { busy: number };
    fig.checkpoint_busy = ckpt.busy;
    await writeUntil(run, run.replay.steps.length);
    await expectSqliteDelivered(s, run, fig);
    fig.reader_busy_reports = busyReports(s);
    expect(fig.checkpoint_busy).toBe(0);
    // In WAL these locks never make the reader busy: a busy report here would be a daemon defect.
    expect(fig.reader_busy_reports).toBe(0);
  });

  scenario('SQLite writer in locking_mode=EXCLUSIVE mid-turn (reader gets SQLITE_BUSY)', async (fig) => {
    s = await stack();
    const run = await sqliteRun(s);
    // The turn starts with the writer holding the database file exclusively.
    run.replay.writer.exec('PRAGMA locking_mode=EXCLUSIVE');
    await writeUntil(run, Math.floor(run.replay.steps.length / 3));
    const daemonAt = Date.now();
    const d = await s.startDaemon({ OPENCLAW_STATE_DIR: run.stateDir });
    // The turn goes on under the lock; the daemon can read nothing.
    await writeUntil(run, run.next + 3, HOLD_MS / 3);
    fig.posts_while_locked = boxPosts(s.server).length;
    fig.busy_reports_while_locked = busyReports(s);
    // Back to normal locking: the lock goes at the writer's next access.
    run.replay.writer.exec('PRAGMA locking_mode=NORMAL');
    run.replay.writer.prepare('SELECT count(*) AS n FROM session_nodes').get();
    const releasedAt = Date.now();
    fig.busy_ms = releasedAt - daemonAt;
    await s.postOf(run.key, 10_000);
    fig.release_to_box_ms = Date.now() - releasedAt;
    await writeUntil(run, run.replay.steps.length);
    await expectSqliteDelivered(s, run, fig);
    fig.reader_busy_reports = busyReports(s);
    fig.daemon_alive = d.running;
    // The lock really kept the reader out (else this scenario tests nothing), and did no harm.
    expect(fig.posts_while_locked).toBe(0);
    expect(fig.busy_reports_while_locked).toBeGreaterThan(0);
    expect(d.running).toBe(true);
  });
});
