// The JSONL agent source over many finished runs on real fixture lines: what it keeps per
// transcript once the writer is gone is bounded (no open handle, no read buffer), and
// the next run of a session continues where the last one ended.
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/live-helpers.ts';
import { parseEntry } from '../core/parse-entry.ts';
import { createSessionsJsonReader } from '../core/sessions-json-reader.ts';
import { fixturesDir } from '../replay/fixtures.ts';
import { writeSessionsJsonAtomic } from '../replay/sessions-json-writer.ts';
import type { SessionChange } from '../types.ts';
import { sharedHandlePool } from './file-handles.ts';
import { createJsonlAgentSource } from './jsonl-agent-source.ts';
import { systemClock } from './source-clock.ts';

const BASIC = path.join(fixturesDir, 'v2026.7.35-local-basic/agents/main/sessions');
const fixtureRegistry = JSON.parse(readFileSync(path.join(BASIC, 'sessions.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;
const [, fixtureEntry] = Object.entries(fixtureRegistry)[0] as [string, Record<string, unknown>];
const fixtureLines = readFileSync(path.join(BASIC, path.basename(String(fixtureEntry.sessionFile))), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => `${l}\n`);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'livestatus-jsonl-src-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function harness(fileExists?: (p: string) => Promise<boolean>) {
  const sessionsJson = path.join(dir, 'sessions.json');
  const registry: Record<string, Record<string, unknown>> = {};
  const changes: SessionChange[] = [];
  const source = createJsonlAgentSource(
    {
      agent: 'main',
      sessionsDir: dir,
      sessionsJson,
      parseEntry,
      parseRegistry: createSessionsJsonReader({ agent: 'main', sessionsDir: dir, exists: existsSync }),
      window: { recentWindowMs: 30 * 60_000, maxInitialBytes: 512 * 1024, maxInitialRows: 500 },
      debounceMs: 10,
      ...(fileExists ? { fileExists } : {}),
    },
    {
      emit: (c) => changes.push(c),
      problem: () => {},
      countBytes: () => {},
      countMalformed: () => {},
      clock: systemClock,
    },
  );
  /** One run as OpenClaw writes it: registry running, lock, entries, lock gone, registry done. */
  async function run(n: number, lines: string[]) {
    const key = `agent:main:explicit:run-${n}`;
    const file = path.join(dir, `s-${n}.jsonl`);
    const now = Date.now();
    registry[key] = {
      ...fixtureEntry,
      sessionId: `s-${n}`,
      sessionFile: file,
      status: 'running',
      updatedAt: now,
    };
    await writeSessionsJsonAtomic(sessionsJson, registry);
    await writeFile(`${file}.lock`, '{}');
    // A real run lasts seconds; a lock that lives for microseconds may never reach the watcher.
    await pause(50);
    for (const l of lines) await appendFile(file, l);
    await pause(50);
    await rm(`${file}.lock`);
    registry[key] = { ...registry[key], status: 'done', updatedAt: Date.now() };
    await writeSessionsJsonAtomic(sessionsJson, registry);
    return key;
  }
  /** A run's first half: registry running, the lock, entries. */
  async function begin(n: number, lines: string[]) {
    const key = `agent:main:explicit:run-${n}`;
    const file = path.join(dir, `s-${n}.jsonl`);
    registry[key] = {
      ...fixtureEntry,
      sessionId: `s-${n}`,
      sessionFile: file,
      status: 'running',
      updatedAt: Date.now(),
    };
    await writeFile(`${file}.lock`, '{}');
    for (const l of lines) await appendFile(file, l);
    await writeSessionsJsonAtomic(sessionsJson, registry);
    return { key, file };
  }
  async function markDone(key: string) {
    registry[key] = { ...registry[key], status: 'done', updatedAt: Date.now() };
    await writeSessionsJsonAtomic(sessionsJson, registry);
  }
  const ids = (key: string) =>
    changes.filter((c) => c.key === key).flatMap((c) => c.entries.map((e) => e.id));
  const writerGone = (key: string) =>
    changes.some((c) => c.key === key && c.writerActive === false) &&
    changes.filter((c) => c.key === key && c.writerActive !== undefined).at(-1)?.writerActive === false;
  return { source, sessionsJson, registry, changes, run, begin, markDone, ids, writerGone };
}

describe('jsonl agent source registry re-reads', () => {
  it('an identical rewrite applies nothing; a changed entry reports that session alone', async () => {
    const h = harness();
    const old = Date.now() - 24 * 3600_000;
    for (const n of [1, 2, 3])
      h.registry[`agent:main:explicit:old-${n}`] = {
        ...fixtureEntry,
        sessionId: `old-${n}`,
        status: 'done',
        updatedAt: old,
      };
    await writeSessionsJsonAtomic(h.sessionsJson, h.registry);
    await h.source.start();
    expect(h.changes.map((c) => c.key).sort()).toEqual([1, 2, 3].map((n) => `agent:main:explicit:old-${n}`));
    h.changes.length = 0;
    await writeSessionsJsonAtomic(h.sessionsJson, h.registry);
    await pause(200);
    expect(h.changes).toEqual([]);
    h.registry['agent:main:explicit:old-2'] = {
      ...h.registry['agent:main:explicit:old-2'],
      label: 'renamed',
    };
    await writeSessionsJsonAtomic(h.sessionsJson, h.registry);
    await waitFor('the changed entry', () => h.changes.length > 0);
    await pause(100);
    expect(h.changes.map((c) => [c.key, c.record?.label])).toEqual([
      ['agent:main:explicit:old-2', 'renamed'],
    ]);
    await h.source.close();
  });
});

describe('jsonl agent source registry bursts', () => {
  // OpenClaw replaces sessions.json 6–15 times per run, often a few ms apart, and a watcher may
  // merge their events (chokidar dropped a file's events for 50 ms after each): the last version of
  // a burst must still be read, however the burst falls around the debounced read.
  it('the last of rapid rewrites is always read', async () => {
    const h = harness();
    await writeSessionsJsonAtomic(h.sessionsJson, {});
    await h.source.start();
    const key = 'agent:main:explicit:burst';
    for (let round = 0; round < 12; round++) {
      const gaps = [0, 2, 5, 15, 30, 45];
      for (const [i, gap] of gaps.entries()) {
        h.registry[key] = { ...fixtureEntry, sessionId: 's-burst', label: `r${round}-${i}`, status: 'done' };
        await writeSessionsJsonAtomic(h.sessionsJson, h.registry);
        await pause(gap);
      }
      const want = `r${round}-${gaps.length - 1}`;
      await waitFor(
        `label ${want}`,
        () => h.changes.filter((c) => c.key === key).at(-1)?.record?.label === want,
        3000,
      );
    }
    await h.source.close();
  });
});

describe('jsonl agent source retention', () => {
  it('after 40 finished runs no transcript holds a file handle or a read buffer (soak: a handle and a 64 KB buffer per transcript ever followed)', async () => {
    const h = harness();
    await writeSessionsJsonAtomic(h.sessionsJson, {});
    await h.source.start();
    const handlesBefore = sharedHandlePool.openCount();
    const keys: string[] = [];
    for (let n = 1; n <= 40; n += 4)
      keys.push(...(await Promise.all([n, n + 1, n + 2, n + 3].map((i) => h.run(i, fixtureLines)))));
    await waitFor('every run delivered and its writer reported gone', () =>
      keys.every((k) => h.ids(k).length === fixtureLines.length && h.writerGone(k)),
    );
    // Late change events and settle reads (60 ms) after the lock went must not reopen anything.
    await new Promise((r) => setTimeout(r, 300));
    // The four runs of a round write the registry concurrently, so the version that lands last
    // may still say one of them is running (the source then rightly keeps it unparked); the next
    // write says what is true, as OpenClaw's next write would.
    await writeSessionsJsonAtomic(h.sessionsJson, h.registry);
    // A lock that lived a few ms can have its events merged or lost: the registry's `done` is then
    // the only sign, and the source looks at the lock again.
    await waitFor('every session parked', () => h.source.retained().parked === 40);
    // pooledViews: the 64-byte anchor and 256-byte head each pinned a 64 KB Buffer pool slab.
    expect(h.source.retained()).toMatchObject({
      followed: 40,
      parked: 40,
      bufferBytes: 0,
      pooledViews: 0,
      pendingLockEvents: 0,
    });
    expect(sharedHandlePool.openCount()).toBe(handlesBefore);
    await h.source.close();
  });

  it('sessions pruned from the registry are watched no more (1-hour soak with chokidar: ~2 KB of heap per session ever followed)', async () => {
    const h = harness();
    const now = Date.now();
    const n = 400;
    for (let i = 0; i < n; i++) {
      const file = path.join(dir, `s-${i}.jsonl`);
      await writeFile(file, fixtureLines[0] ?? '');
      h.registry[`agent:main:explicit:pruned-${i}`] = {
        ...fixtureEntry,
        sessionId: `s-${i}`,
        sessionFile: file,
        status: 'done',
        updatedAt: now,
      };
    }
    await writeSessionsJsonAtomic(h.sessionsJson, h.registry);
    await h.source.start();
    expect(h.source.retained()).toMatchObject({ followed: n, watchedTranscripts: n });
    // OpenClaw's store maintenance keeps the newest entries and may leave the transcripts.
    for (let i = 0; i < n - 10; i++) delete h.registry[`agent:main:explicit:pruned-${i}`];
    await writeSessionsJsonAtomic(h.sessionsJson, h.registry);
    await waitFor('the pruned ones unwatched', () => h.source.retained().watchedTranscripts === 10);
    expect(h.source.retained().followed).toBe(10);
    // The sessions still there keep reporting.
    const key = 'agent:main:explicit:pruned-399';
    const before = h.ids(key).length;
    await appendFile(path.join(dir, 's-399.jsonl'), fixtureLines[1] ?? '');
    await waitFor('the appended entry', () => h.ids(key).length > before);
    await h.source.close();
  });

  it('a lock removed while the first look at it was under way counts as gone (the stale look reported the writer back, which can leave a finished session unparked with its handle open)', async () => {
    let lockGone: () => void = () => {};
    const removed = new Promise<void>((r) => {
      lockGone = r;
    });
    let first = true;
    const h = harness(async (p) => {
      const there = existsSync(p);
      if (p.endsWith('.lock') && first) {
        // The follow's look at the lock: it sees the lock, then answers only after the lock's
        // removal was reported.
        first = false;
        await removed;
      }
      return there;
    });
    await writeSessionsJsonAtomic(h.sessionsJson, {});
    await h.source.start();
    const handlesBefore = sharedHandlePool.openCount();
    const { key, file } = await h.begin(1, fixtureLines);
    await waitFor('the follow looking at the lock', () => !first);
    await rm(`${file}.lock`);
    await waitFor('the removal reported', () =>
      h.changes.some((c) => c.key === key && c.writerActive === false),
    );
    lockGone();
    await waitFor('the run delivered', () => h.ids(key).length === fixtureLines.length);
    await h.markDone(key);
    await waitFor('parked', () => h.source.retained().parked === 1);
    await pause(200);
    expect(h.writerGone(key)).toBe(true);
    expect(h.source.retained()).toMatchObject({ parked: 1, bufferBytes: 0 });
    expect(sharedHandlePool.openCount()).toBe(handlesBefore);
    await h.source.close();
  });

  it('a lock whose removal went unseen is looked at again when the registry says the run is over', async () => {
    // The lock's last event is handled while the lock still looks there (as when a watcher drops
    // the removal, or it is handled before the file is gone): only the registry's `done` is left.
    let staleLock = false;
    const h = harness(async (p) => (staleLock && p.endsWith('.lock')) || existsSync(p));
    await writeSessionsJsonAtomic(h.sessionsJson, {});
    await h.source.start();
    const handlesBefore = sharedHandlePool.openCount();
    const { key, file } = await h.begin(1, fixtureLines);
    await waitFor('the run delivered', () => h.ids(key).length === fixtureLines.length);
    staleLock = true;
    await rm(`${file}.lock`);
    await pause(300);
    await waitFor('lock events handled', () => h.source.retained().pendingLockEvents === 0);
    expect(h.source.retained().parked).toBe(0);
    staleLock = false;
    await h.markDone(key);
    await waitFor('parked', () => h.source.retained().parked === 1);
    expect(h.writerGone(key)).toBe(true);
    await pause(200);
    expect(sharedHandlePool.openCount()).toBe(handlesBefore);
    await h.source.close();
  });

  it('the next run of a parked session continues after its last entry, nothing repeated', async () => {
    const h = harness();
    await writeSessionsJsonAtomic(h.sessionsJson, {});
    await h.source.start();
    const half = Math.floor(fixtureLines.length / 2);
    const key = await h.run(1, fixtureLines.slice(0, half));
    await waitFor('the first run', () => h.ids(key).length === half && h.writerGone(key));
    await waitFor('parked', () => h.source.retained().parked === 1);
    await h.run(1, fixtureLines.slice(half));
    await waitFor('the second run', () => h.ids(key).length >= fixtureLines.length);
    expect(h.ids(key)).toEqual(fixtureLines.map((l) => (JSON.parse(l) as { id: string }).id));
    await h.source.close();
  });
});
