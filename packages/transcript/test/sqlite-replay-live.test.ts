import { chmod, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturesDir } from '../src/replay/fixtures.ts';
import { prepareSqliteReplay } from '../src/replay/sqlite-replay.ts';
import { createSessionSource } from '../src/sources/create-session-source.ts';
import { fileEntryIds, record, sorted, tempStateDir, waitFor } from './live-helpers.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function expectedIds(fixture: string): Promise<Map<string, string[]>> {
  const exportDir = path.join(fixturesDir, fixture, 'export');
  const nodes = JSON.parse(await readFile(path.join(exportDir, 'session_nodes.json'), 'utf8')) as Array<{
    session_key: string;
    current_session_id: string;
  }>;
  const out = new Map<string, string[]>();
  for (const n of nodes) {
    out.set(
      n.session_key,
      await fileEntryIds(path.join(exportDir, 'transcripts', `${n.current_session_id}.jsonl`)),
    );
  }
  return out;
}

describe('SQLite era, live replay of real OpenClaw databases', () => {
  for (const fixture of ['v2026.9.6-sqlite-local-basic', 'v2026.9.6-sqlite-gateway-subagent'] as const) {
    it(`${fixture}: rows inserted in seq order by an open WAL writer arrive exactly once`, async () => {
      const { dir, cleanup } = await tempStateDir();
      cleanups.push(cleanup);
      const replay = await prepareSqliteReplay({
        fixtureDir: path.join(fixturesDir, fixture),
        stateDir: dir,
      });
      cleanups.unshift(() => replay.close());
      const source = createSessionSource({ stateDir: dir, pollIntervalMs: 200, rescanIntervalMs: 0 });
      const rec = record(source);
      await source.start();
      cleanups.unshift(() => source.close());
      expect(source.stats().era).toBe('sqlite');

      for (const step of replay.steps) {
        replay.apply(step);
        if (step.kind === 'session-start') {
          await waitFor('running record', () =>
            rec.changes.some((c) => c.key === step.key && c.record?.status === 'running'),
          );
        }
      }
      const expected = await expectedIds(fixture);
      await waitFor('all rows', () =>
        [...expected].every(([k, ids]) => (rec.idsByKey().get(k)?.length ?? 0) >= ids.length),
      );
      await waitFor('final status', () =>
        // The final rows as OpenClaw left them (`done`; NULL for a local run).
        [...expected.keys()].every((k) =>
          rec.changes.some((c) => c.key === k && c.record && c.record.status !== 'running'),
        ),
      );
      const got = rec.idsByKey();
      for (const [key, ids] of expected) expect(sorted(got.get(key) ?? []), key).toEqual(sorted(ids));
      expect(source.stats().malformedLines).toBe(0);
      if (fixture === 'v2026.9.6-sqlite-gateway-subagent') {
        // seq 7 of the parent is stored zstd-compressed: it must arrive decoded like any other row.
        const child = [...expected.keys()].find((k) => k.includes(':subagent:'));
        const childRecord = rec.changes.find((c) => c.key === child && c.record)?.record;
        expect(childRecord?.parentKey).toBe('agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue');
      }
    });
  }

  it('the read-only reader creates and changes no file: only the writer does', async () => {
    const { dir, cleanup } = await tempStateDir();
    cleanups.push(cleanup);
    const fixture = path.join(fixturesDir, 'v2026.9.6-sqlite-local-basic');
    const replay = await prepareSqliteReplay({ fixtureDir: fixture, stateDir: dir });
    cleanups.unshift(() => replay.close());
    const half = Math.floor(replay.steps.length / 2);
    for (const step of replay.steps.slice(0, half)) replay.apply(step);
    const agentDir = path.dirname(replay.dbPath);
    const snapshot = async () => {
      const names = (await readdir(agentDir)).sort();
      const files: Record<string, string> = {};
      // -shm is shared memory: every WAL reader takes its read marks there by design.
      for (const n of names)
        if (!n.endsWith('-shm')) files[n] = (await readFile(path.join(agentDir, n))).toString('base64');
      return { names, files };
    };
    const before = await snapshot();
    const source = createSessionSource({ stateDb: replay.dbPath, pollIntervalMs: 50 });
    const rec = record(source);
    await source.start();
    await waitFor('first rows', () => rec.changes.some((c) => c.entries.length > 0));
    await new Promise((r) => setTimeout(r, 200)); // several fallback polls
    expect(await snapshot()).toEqual(before);
    // The writer continues; the reader follows without ever checkpointing: the WAL keeps growing.
    const walBefore = (await stat(`${replay.dbPath}-wal`)).size;
    for (const step of replay.steps.slice(half)) replay.apply(step);
    const expected = await expectedIds('v2026.9.6-sqlite-local-basic');
    await waitFor('all rows', () =>
      [...expected].every(([k, ids]) => (rec.idsByKey().get(k)?.length ?? 0) >= ids.length),
    );
    expect((await stat(`${replay.dbPath}-wal`)).size).toBeGreaterThanOrEqual(walBefore);
    await source.close();
    expect((await readdir(agentDir)).sort()).toEqual(before.names);
  });

  it('keeps reading while the writer holds its write lock (BEGIN IMMEDIATE)', async () => {
    const { dir, cleanup } = await tempStateDir();
    cleanups.push(cleanup);
    const replay = await prepareSqliteReplay({
      fixtureDir: path.join(fixturesDir, 'v2026.9.6-sqlite-gateway-subagent'),
      stateDir: dir,
    });
    cleanups.unshift(() => replay.close());
    const [first, second, ...rest] = replay.steps;
    if (first?.kind !== 'session-start' || second?.kind !== 'event') throw new Error('unexpected plan');
    replay.apply(first);
    replay.apply(second);
    const source = createSessionSource({ stateDb: replay.dbPath, pollIntervalMs: 30 });
    const rec = record(source);
    replay.writer.exec('BEGIN IMMEDIATE');
    cleanups.unshift(() => {
      if (replay.writer.isTransaction) replay.writer.exec('ROLLBACK');
    });
    await source.start();
    cleanups.unshift(() => source.close());
    await waitFor('row read under a held write lock', () => rec.idsByKey().get(first.key)?.length === 1);
    expect(rec.problems).toEqual([]);
    replay.writer.exec('COMMIT');
    for (const step of rest) replay.apply(step);
    const expected = await expectedIds('v2026.9.6-sqlite-gateway-subagent');
    await waitFor('all rows', () =>
      [...expected].every(([k, ids]) => (rec.idsByKey().get(k)?.length ?? 0) >= ids.length),
    );
  });

  it('retries SQLITE_BUSY from an exclusive writer with backoff, reports it, then catches up', async () => {
    const { dir, cleanup } = await tempStateDir();
    cleanups.push(cleanup);
    const replay = await prepareSqliteReplay({
      fixtureDir: path.join(fixturesDir, 'v2026.9.6-sqlite-gateway-subagent'),
      stateDir: dir,
    });
    cleanups.unshift(() => replay.close());
    const [first, ...rest] = replay.steps;
    if (!first) throw new Error('no steps');
    // locking_mode=EXCLUSIVE keeps the writer's lock after its transaction: readers get SQLITE_BUSY.
    replay.writer.exec('PRAGMA locking_mode = EXCLUSIVE');
    replay.apply(first);
    const source = createSessionSource({
      stateDb: replay.dbPath,
      pollIntervalMs: 30,
      busyBackoffMs: [5, 10, 20],
    });
    const rec = record(source);
    await source.start();
    cleanups.unshift(() => source.close());
    expect(rec.problems.map((p) => p.message).join('\n')).toMatch(/busy after 3 retries/);
    replay.writer.exec('PRAGMA locking_mode = NORMAL');
    replay.writer.prepare('SELECT count(*) FROM session_nodes').get(); // releases the exclusive lock
    for (const step of rest) replay.apply(step);
    const expected = await expectedIds('v2026.9.6-sqlite-gateway-subagent');
    await waitFor('all rows after busy', () =>
      [...expected].every(([k, ids]) => (rec.idsByKey().get(k)?.length ?? 0) >= ids.length),
    );
    const got = rec.idsByKey();
    for (const [key, ids] of expected) expect(sorted(got.get(key) ?? []), key).toEqual(sorted(ids));
  });

  it('a WAL database without -wal/-shm (gateway stopped, read-only mount) is a clear wait, not a file created', async () => {
    const { dir, cleanup } = await tempStateDir();
    cleanups.push(cleanup);
    const fixtureDir = path.join(fixturesDir, 'v2026.9.6-sqlite-local-basic');
    const stopped = await prepareSqliteReplay({ fixtureDir, stateDir: dir });
    stopped.close(); // the last connection checkpoints and removes -wal and -shm
    const agentDir = path.dirname(stopped.dbPath);
    expect((await readdir(agentDir)).sort()).toEqual(['openclaw-agent.sqlite']);
    // The seed's Docker example mounts the agents directory read-only. (As root, permissions are
    // not enforced, which is why the reader checks for the companions itself instead of relying
    // on the open to fail.)
    await chmod(agentDir, 0o555);
    const source = createSessionSource({ stateDb: stopped.dbPath, pollIntervalMs: 30 });
    const rec = record(source);
    await source.start();
    cleanups.unshift(() => source.close());
    await new Promise((r) => setTimeout(r, 100));
    expect((await readdir(agentDir)).sort()).toEqual(['openclaw-agent.sqlite']);
    const messages = rec.problems.map((p) => p.message);
    expect(messages.join('\n')).toMatch(/-wal and -shm files? (is|are) missing/);
    expect(messages.filter((m) => /missing/.test(m))).toHaveLength(1); // said once, not every poll
    // The gateway starts again (its writer creates -wal/-shm): the reader follows without a restart.
    await chmod(agentDir, 0o755);
    const running = await prepareSqliteReplay({ fixtureDir, stateDir: dir });
    cleanups.unshift(() => running.close());
    for (const step of running.steps) running.apply(step);
    const expected = await expectedIds('v2026.9.6-sqlite-local-basic');
    await waitFor('rows after the gateway came back', () =>
      [...expected].every(([k, ids]) => (rec.idsByKey().get(k)?.length ?? 0) >= ids.length),
    );
  });
});
