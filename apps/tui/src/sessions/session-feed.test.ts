import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createLabeler,
  createTracker,
  fixturesDir,
  parseEntry,
  type SessionChange,
  type SessionRecord,
  type SessionSource,
  type TranscriptEntry,
} from '@livestatus/transcript';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/support/manual-clock.ts';
import { createSessionFeed } from './session-feed.ts';
import type { SessionSnapshot } from './session-item.ts';

// The real local-basic run (parallel tools, a failing exec), split into the changes a source
// would emit, fed to the real tracker.
const KEY = 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue:thread:8z1yq3mhsfn5pcd7e4u9wqx2ka';
const file = path.join(
  fixturesDir,
  'v2026.7.35-local-basic/agents/main/sessions',
  '91a91807-da8d-4e09-8cac-722a3462075f-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl',
);
const entries: TranscriptEntry[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .flatMap((l) => {
    const r = parseEntry(l);
    return r.ok ? [r.entry] : [];
  });
const T0 = entries[0]!.timestamp;
const record = (status: SessionRecord['status']): SessionRecord => ({
  key: KEY,
  sessionId: '91a91807-da8d-4e09-8cac-722a3462075f',
  agent: 'main',
  status,
  startedAt: T0,
  updatedAt: T0,
  transcript: { kind: 'jsonl', path: file },
});

/** A source the test drives: `start` emits the given history, `emit` later changes. */
function scriptedSource(history: SessionChange[]) {
  const listeners = new Set<(c: SessionChange) => void>();
  const problems = new Set<(p: { message: string; path?: string }) => void>();
  let closed = false;
  const source: SessionSource & {
    emit(c: SessionChange): void;
    problem(m: string): void;
    closed(): boolean;
  } = {
    async start() {
      for (const c of history) for (const l of listeners) l(c);
    },
    async close() {
      closed = true;
    },
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onProblem(l) {
      problems.add(l);
      return () => problems.delete(l);
    },
    stats: () => ({ era: 'jsonl', paths: [], sessionsTracked: 0, bytesRead: 0, malformedLines: 0 }),
    emit: (c) => {
      for (const l of listeners) l(c);
    },
    problem: (message) => {
      for (const l of problems) l({ message });
    },
    closed: () => closed,
  };
  return source;
}

function setup(history: SessionChange[]) {
  const clock = manualClock(T0);
  const source = scriptedSource(history);
  const tracker = createTracker({ labeler: createLabeler() });
  const feed = createSessionFeed({ source, tracker, clock, frameMs: 50, tickMs: 1000 });
  const published: SessionSnapshot[] = [];
  feed.subscribe((s) => published.push(s));
  return { clock, source, feed, published };
}

describe('session feed', () => {
  it('publishes the history present at start as one ready snapshot', async () => {
    const { feed, published } = setup([{ agent: 'main', key: KEY, record: record('done'), entries }]);
    expect(feed.snapshot().ready).toBe(false);
    await feed.start();
    expect(published).toHaveLength(1);
    expect(published[0]?.ready).toBe(true);
    const item = published[0]?.items[0];
    expect(item?.key).toBe(KEY);
    expect(item?.record?.sessionId).toBe('91a91807-da8d-4e09-8cac-722a3462075f');
    expect(item?.view.state).toBe('done');
    expect(item?.view.lines.some((l) => l.kind === 'tool' && l.status === 'error')).toBe(true);
  });

  it('coalesces a burst of live changes into one snapshot per frame', async () => {
    const { clock, source, feed, published } = setup([]);
    await feed.start();
    published.length = 0;
    source.emit({ agent: 'main', key: KEY, record: record('running'), entries: [], writerActive: true });
    for (const e of entries) source.emit({ agent: 'main', key: KEY, entries: [e] });
    expect(published).toHaveLength(0);
    clock.advance(50);
    expect(published).toHaveLength(1);
    expect(published[0]?.items[0]?.view.lines.length).toBeGreaterThan(3);
    clock.advance(50);
    expect(published).toHaveLength(1);
  });

  it("advances a running turn's clock once per tick, and stays quiet when nothing runs", async () => {
    const firstTwo = entries.slice(0, 6);
    const { clock, feed, published } = setup([
      { agent: 'main', key: KEY, record: record('running'), entries: firstTwo, writerActive: true },
    ]);
    await feed.start();
    expect(published.at(-1)?.items[0]?.view.state).toBe('active');
    const before = published.length;
    clock.advance(3000);
    expect(published.length - before).toBe(3);
    expect(published.at(-1)?.now).toBe(T0 + 3000);

    const idle = setup([{ agent: 'main', key: KEY, record: record('done'), entries }]);
    await idle.feed.start();
    idle.clock.advance(5000);
    expect(idle.published).toHaveLength(1);
  });

  it("carries the source's latest problem so the header can show it", async () => {
    const { clock, source, feed, published } = setup([]);
    await feed.start();
    source.problem('sessions.json is torn; keeping the last good parse');
    clock.advance(50);
    expect(published.at(-1)?.problem).toContain('sessions.json is torn');
  });

  it('close stops its timers and the source, and publishes nothing more', async () => {
    const { clock, source, feed, published } = setup([
      {
        agent: 'main',
        key: KEY,
        record: record('running'),
        entries: entries.slice(0, 6),
        writerActive: true,
      },
    ]);
    await feed.start();
    await feed.close();
    const count = published.length;
    source.emit({ agent: 'main', key: KEY, entries: entries.slice(6) });
    clock.advance(10_000);
    expect(published).toHaveLength(count);
    expect(clock.pending()).toBe(0);
    expect(source.closed()).toBe(true);
  });
});
