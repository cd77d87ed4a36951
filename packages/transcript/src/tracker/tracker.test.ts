import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSessionsJson } from '../core/sessions-json.ts';
import { FIXTURES, fixtureEntries, readFixture } from '../core/test-fixtures.ts';
import { createLabeler } from '../labels/labeler.ts';
import type { SessionRecord, TranscriptEntry } from '../types.ts';
import { createTracker, type TurnEvent } from './tracker.ts';

const labeler = createLabeler();
const SESSIONS_DIR = path.join(FIXTURES, 'v2026.7.35-gateway/agents/main/sessions');
const THREAD_KEY =
  'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue:thread:8z1yq3mhsfn5pcd7e4u9wqx2ka';
const PARENT_KEY = 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue';
const CHILD_KEY = 'agent:main:subagent:a7d49975-dd6e-4f54-a48c-2eea97a86fca';

function records(rel: string): Map<string, SessionRecord> {
  const r = parseSessionsJson(readFixture(rel), {
    agent: 'main',
    sessionsDir: SESSIONS_DIR,
    exists: fs.existsSync,
  });
  if (!r.ok) throw new Error(r.error);
  return new Map(r.records.map((x) => [x.key, x]));
}

const summary = (events: TurnEvent[]) =>
  events.map(
    (e) =>
      `${e.type} ${e.key === THREAD_KEY ? 'thread' : e.key === PARENT_KEY ? 'parent' : e.key} #${e.turn} ${e.view.state}`,
  );

describe('tracker on the real live slow run (registry versions + transcript)', () => {
  it('creates the box when the registry says running, before any entry, and ends it once on the final answer', () => {
    const t = createTracker({ labeler, idleTimeoutMs: 60_000 });
    const entries = fixtureEntries('slow735').slice(0, -1); // without the later manual compaction
    const events: TurnEvent[] = [];
    const rec = (n: string) =>
      records(`v2026.7.35-gateway/live-slow-run/${n}-sessions.json`).get(THREAD_KEY)!;
    events.push(
      ...t.apply({ agent: 'main', key: THREAD_KEY, record: rec('004'), entries: [] }, 1795514520396),
    );
    expect(events).toEqual([]);
    events.push(
      ...t.apply({ agent: 'main', key: THREAD_KEY, record: rec('010'), entries: [] }, 1795514521119),
    );
    expect(summary(events)).toEqual(['turn-start thread #1 active']);
    expect(events[0]?.view).toMatchObject({ lines: [], startedAt: 1795514521115 });
    // The first write lands header + user + assistant at once.
    events.push(...t.apply({ agent: 'main', key: THREAD_KEY, entries: entries.slice(0, 6) }, 1795514521200));
    const quiet = t.tick(1795514521158 + 31_000);
    expect(quiet[0]?.view.quiet?.doing).toBe('running exec');
    events.push(...quiet);
    events.push(
      ...t.apply(
        { agent: 'main', key: THREAD_KEY, record: rec('012'), entries: entries.slice(6) },
        1795514527330,
      ),
    );
    events.push(
      ...t.apply({ agent: 'main', key: THREAD_KEY, record: rec('013'), entries: [] }, 1795514527341),
    );
    events.push(...t.tick(1795514527341 + 600_000));
    expect(summary(events)).toEqual([
      'turn-start thread #1 active',
      'turn-update thread #1 active',
      'turn-update thread #1 active',
      'turn-end thread #1 done',
    ]);
    expect(
      events.at(-1)?.view.lines.map((l) => (l.kind === 'tool' ? `${l.label} ${l.status}` : l.kind)),
    ).toEqual(['text', 'exec: sleep 6 && echo built ok', 'process list ok', 'text']);
  });
});

describe('tracker registry rules', () => {
  const errorKey = 'agent:main:explicit:error-case';
  const errorRecord = (status: SessionRecord['status']): SessionRecord => ({
    ...records('v2026.7.35-gateway/agents/main/sessions/sessions.json').get(errorKey)!,
    status,
  });

  it('a provider error ends the turn as error although the registry stays running', () => {
    const t = createTracker({ labeler, idleTimeoutMs: 60_000 });
    const events = [
      ...t.apply(
        {
          agent: 'main',
          key: errorKey,
          record: { ...errorRecord('running'), endedAt: undefined },
          entries: fixtureEntries('error735'),
        },
        1795514564700,
      ),
      ...t.apply(
        {
          agent: 'main',
          key: errorKey,
          record: { ...errorRecord('running'), endedAt: undefined, updatedAt: 1795514579715 },
          entries: [],
        },
        1795514579715,
      ),
      ...t.tick(1795514579715 + 3_600_000),
    ];
    // The whole turn arrived in one change: its start and its end are both announced.
    expect(events.map((e) => `${e.type} ${e.view.state}`)).toEqual(['turn-start error', 'turn-end error']);
    expect(t.view(errorKey)).toMatchObject({
      state: 'error',
      error: '500 fake upstream failure (scripted)',
      turn: 1,
    });
  });

  it('a run that leaves running without a final entry is interrupted after the grace period', () => {
    const t = createTracker({ labeler, stopGraceMs: 5_000 });
    const entries = fixtureEntries('slow735').slice(0, 6);
    const running = { ...errorRecord('running'), key: THREAD_KEY };
    t.apply({ agent: 'main', key: THREAD_KEY, record: running, entries }, 1795514521200);
    const stopped = t.apply(
      {
        agent: 'main',
        key: THREAD_KEY,
        record: { ...running, status: 'done', endedAt: 1795514530000 },
        entries: [],
      },
      1795514530000,
    );
    expect(stopped).toEqual([]);
    expect(t.tick(1795514534999)).toEqual([]);
    const end = t.tick(1795514535000);
    expect(summary(end)).toEqual(['turn-end thread #1 interrupted']);
    expect(end[0]?.view.endedAt).toBe(1795514530000);
  });

  it('the lock file appearing starts the box; its disappearing without a final entry interrupts it', () => {
    const t = createTracker({ labeler, stopGraceMs: 2_000 });
    expect(
      summary(t.apply({ agent: 'main', key: THREAD_KEY, entries: [], writerActive: true }, 1000)),
    ).toEqual(['turn-start thread #1 active']);
    t.apply({ agent: 'main', key: THREAD_KEY, entries: [], writerActive: false }, 5000);
    expect(summary(t.tick(7000))).toEqual(['turn-end thread #1 interrupted']);
  });

  it('history read at startup is tracked but not announced; a re-read of the same entries changes nothing but a note', () => {
    const since = Date.parse('2026-11-25T00:00:00Z');
    const t = createTracker({ labeler, since });
    const entries = fixtureEntries('basic735');
    expect(t.apply({ agent: 'main', key: THREAD_KEY, entries }, since)).toEqual([]);
    expect(t.view(THREAD_KEY)).toMatchObject({ state: 'done', turn: 1 });
    const again = t.apply({ agent: 'main', key: THREAD_KEY, entries, rewritten: true }, since);
    expect(again).toEqual([]);
    expect(t.view(THREAD_KEY)).toMatchObject({ turn: 1, compactions: 1 });
    // A new message after completion is a new, announced turn.
    const next: TranscriptEntry = {
      type: 'message',
      id: 'new-user',
      parentId: 'f536a680',
      timestamp: since + 1000,
      message: { role: 'user', text: 'again' },
    };
    expect(summary(t.apply({ agent: 'main', key: THREAD_KEY, entries: [next] }, since + 1000))).toEqual([
      'turn-start thread #2 active',
    ]);
  });
});

describe('tracker reactivation rule (design §3): only `running` with a newer start, or new entries', () => {
  const KEY = 'agent:main:explicit:fault-38';
  const basicRecord = (over: Partial<SessionRecord>): SessionRecord => ({
    ...records('v2026.7.35-gateway/agents/main/sessions/sessions.json').get(
      'agent:main:explicit:error-case',
    )!,
    key: KEY,
    ...over,
  });
  const run = fixtureEntries('basic735');
  const start = run.find((e) => e.timestamp > 0)!.timestamp;
  const end = run.at(-1)!.timestamp;

  it('100 sessions ending at once: a lock reported after the final entry and the lock removal opens no phantom turn 2', () => {
    // The exact change sequence the JSONL source emitted for fault-38 of the fault suite.
    const t = createTracker({ labeler, stopGraceMs: 2_000 });
    const running = basicRecord({
      status: 'running',
      startedAt: start,
      endedAt: undefined,
      updatedAt: start,
    });
    const done = basicRecord({ status: 'done', startedAt: start, endedAt: end + 200, updatedAt: end + 200 });
    const events: TurnEvent[] = [];
    const head = run.findIndex((e) => e.type === 'message' && e.message.role === 'assistant') + 1;
    events.push(
      ...t.apply(
        { agent: 'main', key: KEY, record: running, entries: run.slice(0, head), writerActive: true },
        start + 100,
      ),
    );
    for (const e of run.slice(head))
      events.push(...t.apply({ agent: 'main', key: KEY, record: running, entries: [e] }, e.timestamp));
    events.push(
      ...t.apply({ agent: 'main', key: KEY, record: done, entries: [], writerActive: false }, end + 600),
    );
    events.push(...t.apply({ agent: 'main', key: KEY, record: done, entries: [] }, end + 620));
    events.push(
      ...t.apply({ agent: 'main', key: KEY, record: done, entries: [], writerActive: true }, end + 620),
    );
    events.push(...t.tick(end + 60_000));
    expect(
      events.filter((e) => e.type !== 'turn-update').map((e) => `${e.type} #${e.turn} ${e.view.state}`),
    ).toEqual(['turn-start #1 active', 'turn-end #1 done']);
  });

  it('a done record whose updatedAt moves (OpenClaw rewrites sessions.json after the end) never starts a turn', () => {
    const t = createTracker({ labeler });
    t.apply(
      { agent: 'main', key: KEY, record: basicRecord({ status: 'running', startedAt: start }), entries: run },
      end,
    );
    expect(t.view(KEY)).toMatchObject({ state: 'done', turn: 1 });
    const later: TurnEvent[] = [];
    for (let i = 1; i <= 15; i++) {
      const bump = basicRecord({
        status: 'done',
        startedAt: start,
        endedAt: end + 10,
        updatedAt: end + i * 1000,
      });
      later.push(...t.apply({ agent: 'main', key: KEY, record: bump, entries: [] }, end + i * 1000));
    }
    expect(later).toEqual([]);
    expect(t.view(KEY)).toMatchObject({ state: 'done', turn: 1 });
  });

  it('a running record started after the last completion starts the next turn at once, before any entry', () => {
    const t = createTracker({ labeler });
    t.apply(
      { agent: 'main', key: KEY, record: basicRecord({ status: 'done', startedAt: start }), entries: run },
      end,
    );
    const next = basicRecord({ status: 'running', startedAt: end + 5_000, updatedAt: end + 5_000 });
    const events = t.apply({ agent: 'main', key: KEY, record: next, entries: [] }, end + 5_000);
    expect(events.map((e) => `${e.type} #${e.turn} ${e.view.state}`)).toEqual(['turn-start #2 active']);
  });
});

describe('tracker sub-agents (real 7.35 parent + child)', () => {
  it('nests the child under the spawn call, holds the parent box active until the child ends, and gives the child no box', () => {
    const t = createTracker({ labeler });
    const reg = records('v2026.7.35-gateway/agents/main/sessions/sessions.json');
    const parentRec = {
      ...reg.get(PARENT_KEY)!,
      status: 'running' as const,
      startedAt: 1795514482464,
      endedAt: undefined,
    };
    const childRec = { ...reg.get(CHILD_KEY)!, status: 'running' as const, endedAt: undefined };
    const parent = fixtureEntries('parent735');
    const child = fixtureEntries('child735');
    const events: TurnEvent[] = [];
    events.push(
      ...t.apply(
        { agent: 'main', key: PARENT_KEY, record: parentRec, entries: parent.slice(0, 7) },
        1795514483403,
      ),
    );
    events.push(
      ...t.apply(
        { agent: 'main', key: CHILD_KEY, record: childRec, entries: child.slice(0, 6) },
        1795514483977,
      ),
    );
    // The parent's own turn ends ("I started a sub-agent"), but its box stays live with the child.
    events.push(...t.apply({ agent: 'main', key: PARENT_KEY, entries: parent.slice(7, 9) }, 1795514483647));
    expect(t.view(PARENT_KEY)?.state).toBe('active');
    expect(t.sessions().find((s) => s.key === CHILD_KEY)?.nested).toBe(true);
    events.push(
      ...t.apply(
        {
          agent: 'main',
          key: CHILD_KEY,
          record: { ...childRec, status: 'done', endedAt: 1795514484340 },
          entries: child.slice(6),
        },
        1795514484340,
      ),
    );
    expect(events.every((e) => e.key === PARENT_KEY)).toBe(true);
    expect(summary(events).at(0)).toBe('turn-start parent #1 active');
    expect(summary(events).at(-1)).toBe('turn-end parent #1 done');
    const box = events.at(-1)!.view;
    const spawn = box.lines.find((l) => l.kind === 'tool');
    expect(spawn?.kind === 'tool' && spawn.subagent).toMatchObject({
      key: CHILD_KEY,
      label: 'lister',
      state: 'done',
      tokens: 940 + 1025,
    });
    expect(box.endedAt).toBe(Date.parse('2026-11-24T10:01:24.314Z'));
    // The announce run is a turn (and a box) of its own; the finished child stays without a box.
    const announce = t.apply({ agent: 'main', key: PARENT_KEY, entries: parent.slice(9) }, 1795514485244);
    expect(summary(announce)).toEqual(['turn-start parent #2 done', 'turn-end parent #2 done']);
    expect(
      t.apply({ agent: 'main', key: CHILD_KEY, record: reg.get(CHILD_KEY)!, entries: [] }, 1795514485315),
    ).toEqual([]);
  });

  const parentRunning = () => ({
    ...records('v2026.7.35-gateway/agents/main/sessions/sessions.json').get(PARENT_KEY)!,
    status: 'running' as const,
    endedAt: undefined,
  });
  const turnsOf = (events: TurnEvent[]) =>
    events.filter((e) => e.type !== 'turn-update').map((e) => `${e.type} #${e.turn} ${e.view.state}`);

  it('the spawn turn read together with the announce turn ends done in its own box (the demo showed [INTERRUPTED] main | 0s)', () => {
    const t = createTracker({ labeler });
    const reg = records('v2026.7.35-gateway/agents/main/sessions/sessions.json');
    const parent = fixtureEntries('parent735');
    const events: TurnEvent[] = [];
    // The registry holds the parent's last run only: its startedAt is the announce run's.
    events.push(
      ...t.apply({ agent: 'main', key: PARENT_KEY, record: parentRunning(), entries: [] }, 1795514482500),
    );
    events.push(...t.apply({ agent: 'main', key: PARENT_KEY, entries: parent.slice(0, 7) }, 1795514483403));
    events.push(
      ...t.apply(
        { agent: 'main', key: CHILD_KEY, record: reg.get(CHILD_KEY)!, entries: fixtureEntries('child735') },
        1795514484340,
      ),
    );
    events.push(...t.apply({ agent: 'main', key: PARENT_KEY, entries: parent.slice(7) }, 1795514485244));
    expect(turnsOf(events)).toEqual([
      'turn-start #1 active',
      'turn-end #1 done',
      'turn-start #2 done',
      'turn-end #2 done',
    ]);
    const spawnTurn = events.find((e) => e.type === 'turn-end' && e.turn === 1)!.view;
    expect(spawnTurn.startedAt).toBe(Date.parse('2026-11-24T10:01:23.178Z'));
    expect(spawnTurn.lines.find((l) => l.kind === 'tool')).toMatchObject({ subagent: { state: 'done' } });
  });

  it('a sub-agent read before any entry of its parent is nested, though the registry dates the parent run later (CI: the child got a box)', () => {
    const t = createTracker({ labeler });
    const reg = records('v2026.7.35-gateway/agents/main/sessions/sessions.json');
    const parent = fixtureEntries('parent735');
    const events: TurnEvent[] = [];
    // The parent's box is open from its `running` record only; the record's startedAt is the
    // announce run's, later than the child's start. The child's record comes before the parent's
    // transcript is read (the sources read files asynchronously).
    events.push(
      ...t.apply({ agent: 'main', key: PARENT_KEY, record: parentRunning(), entries: [] }, 1795514483000),
    );
    const childRec = { ...reg.get(CHILD_KEY)!, status: 'running' as const, endedAt: undefined };
    events.push(
      ...t.apply(
        { agent: 'main', key: CHILD_KEY, record: childRec, entries: fixtureEntries('child735').slice(0, 6) },
        1795514483977,
      ),
    );
    expect(t.sessions().find((s) => s.key === CHILD_KEY)?.nested).toBe(true);
    events.push(...t.apply({ agent: 'main', key: PARENT_KEY, entries: parent.slice(0, 9) }, 1795514484000));
    events.push(
      ...t.apply(
        {
          agent: 'main',
          key: CHILD_KEY,
          record: reg.get(CHILD_KEY)!,
          entries: fixtureEntries('child735').slice(6),
        },
        1795514484340,
      ),
    );
    expect(events.every((e) => e.key === PARENT_KEY)).toBe(true);
    expect(turnsOf(events)).toEqual(['turn-start #1 active', 'turn-end #1 done']);
    const box = events.at(-1)!.view;
    expect(box.lines.find((l) => l.kind === 'tool')).toMatchObject({ subagent: { state: 'done' } });
  });

  it('a finished spawn turn waits for the sub-agent its spawn result named before any source shows it', () => {
    const t = createTracker({ labeler, childWaitMs: 10_000 });
    const parent = fixtureEntries('parent735');
    const events = t.apply(
      { agent: 'main', key: PARENT_KEY, record: parentRunning(), entries: parent.slice(0, 9) },
      1795514483700,
    );
    expect(t.view(PARENT_KEY)?.state).toBe('active');
    events.push(...t.tick(1795514483700 + 9_999));
    expect(turnsOf(events)).toEqual(['turn-start #1 active']);
    // The child never shows up (another agent folder, not followed): the box ends after the wait.
    events.push(...t.tick(1795514483700 + 10_000));
    expect(turnsOf(events)).toEqual(['turn-start #1 active', 'turn-end #1 done']);
  });

  it('interruptAll ends every live box once', () => {
    const t = createTracker({ labeler });
    t.apply({ agent: 'main', key: THREAD_KEY, entries: [], writerActive: true }, 1000);
    expect(summary(t.interruptAll(2000))).toEqual(['turn-end thread #1 interrupted']);
    expect(t.interruptAll(3000)).toEqual([]);
  });
});

describe('tracker registry removal', () => {
  const KEY = 'agent:main:explicit:fault-61';
  const run = fixtureEntries('basic735');
  const end = run.at(-1)!.timestamp;
  const rec = (status: SessionRecord['status']): SessionRecord => ({
    key: KEY,
    sessionId: 'basic',
    agent: 'main',
    status,
    startedAt: run[0]!.timestamp,
    transcript: { kind: 'jsonl', path: '/nowhere.jsonl' },
  });
  const turns = (events: TurnEvent[]) =>
    events.filter((e) => e.type !== 'turn-update').map((e) => `${e.type} #${e.turn} ${e.view.state}`);

  it('a key missing from one registry version and back in the next keeps its turn (100 sessions: phantom turn-2 boxes)', () => {
    const t = createTracker({ labeler, stopGraceMs: 5_000 });
    const events = t.apply(
      { agent: 'main', key: KEY, record: rec('running'), entries: run.slice(0, 6) },
      run[5]!.timestamp,
    );
    events.push(...t.apply({ agent: 'main', key: KEY, entries: [], removed: true }, run[5]!.timestamp + 10));
    events.push(...t.apply({ agent: 'main', key: KEY, record: rec('running'), entries: run.slice(6) }, end));
    events.push(...t.apply({ agent: 'main', key: KEY, record: rec('done'), entries: [] }, end + 100));
    events.push(...t.tick(end + 60_000));
    expect(turns(events)).toEqual(['turn-start #1 active', 'turn-end #1 done']);
  });

  it('a key missing from one registry version after its turn ended keeps its turn when back (soak: phantom turn-2 box)', () => {
    // The daemon lagged: it read a session's whole turn, then a stale registry version without the
    // key, then the next version with it — and the source, following it anew, re-read the transcript.
    const t = createTracker({ labeler, stopGraceMs: 5_000 });
    const events = t.apply({ agent: 'main', key: KEY, record: rec('running'), entries: run }, end);
    events.push(...t.apply({ agent: 'main', key: KEY, entries: [], removed: true }, end + 700));
    events.push(...t.tick(end + 1_000));
    events.push(...t.apply({ agent: 'main', key: KEY, record: rec('done'), entries: run }, end + 1_500));
    events.push(...t.tick(end + 60_000));
    expect(turns(events)).toEqual(['turn-start #1 done', 'turn-end #1 done']);
    expect(t.retained()).toMatchObject({ sessions: 1, boxes: 1 });
  });

  it('an ended session that left the registry is forgotten once it stayed out for the grace period', () => {
    const t = createTracker({ labeler, stopGraceMs: 5_000 });
    t.apply({ agent: 'main', key: KEY, record: rec('done'), entries: run }, end);
    t.apply({ agent: 'main', key: KEY, entries: [], removed: true }, end + 100);
    t.tick(end + 5_099);
    expect(t.retained()).toMatchObject({ sessions: 1, boxes: 1 });
    t.tick(end + 5_100);
    expect(t.retained()).toMatchObject({ sessions: 0, boxes: 0, turnFloors: 1 });
  });

  it('a session that left the registry for good is interrupted after the grace period, then forgotten', () => {
    const t = createTracker({ labeler, stopGraceMs: 5_000 });
    const events = t.apply(
      { agent: 'main', key: KEY, record: rec('running'), entries: run.slice(0, 6) },
      1000,
    );
    events.push(...t.apply({ agent: 'main', key: KEY, entries: [], removed: true }, 2000));
    events.push(...t.tick(6999));
    expect(turns(events)).toEqual(['turn-start #1 active']);
    events.push(...t.tick(7000));
    expect(turns(events)).toEqual(['turn-start #1 active', 'turn-end #1 interrupted']);
    expect(t.retained()).toMatchObject({ sessions: 0, boxes: 0 });
  });
});

describe('tracker memory: what it keeps is bounded by live sessions, not by history (daemon RSS grew per turn)', () => {
  const base = fixtureEntries('basic735');
  /** The real basic turn, as turn `i` of a session: own ids, one minute later per turn. */
  const turn = (i: number): TranscriptEntry[] =>
    base.map((e) => ({
      ...e,
      id: `${e.id}-${i}`,
      parentId: e.parentId === null ? null : `${e.parentId}-${i}`,
      timestamp: e.timestamp + i * 60_000,
    }));
  const record = (key: string, i: number): SessionRecord => ({
    key,
    sessionId: 'basic',
    agent: 'main',
    status: 'done',
    startedAt: base[0]!.timestamp + i * 60_000,
    transcript: { kind: 'jsonl', path: '/nowhere.jsonl' },
  });

  it('300 sessions that each ran one turn and left the registry leave only their turn numbers', () => {
    const t = createTracker({ labeler });
    for (let i = 0; i < 300; i++) {
      const key = `agent:main:explicit:soak-${i}`;
      const events = t.apply(
        { agent: 'main', key, record: record(key, i), entries: turn(i) },
        base.at(-1)!.timestamp,
      );
      expect(events.map((e) => e.type)).toEqual(['turn-start', 'turn-end']);
      t.apply({ agent: 'main', key, entries: [], removed: true });
    }
    // Forgotten once out of the registry for the grace period (a key can be missing for a moment).
    t.tick(base.at(-1)!.timestamp + 5_000);
    expect(t.retained()).toEqual({ sessions: 0, boxes: 0, seenIds: 0, parentLinks: 0, turnFloors: 300 });
    // A key that comes back continues its turn numbers: (key, turn) never names an old box.
    const back = t.apply({ agent: 'main', key: 'agent:main:explicit:soak-7', entries: turn(400) });
    expect(back.map((e) => `${e.type} #${e.turn}`)).toEqual(['turn-start #2', 'turn-end #2']);
  });

  it('a session running 300 turns keeps its current turn only, and a re-read of old turns starts none', () => {
    const t = createTracker({ labeler });
    const key = 'agent:main:explicit:long-lived';
    for (let i = 0; i < 300; i++) t.apply({ agent: 'main', key, entries: turn(i) });
    expect(t.view(key)).toMatchObject({ turn: 300, state: 'done' });
    expect(t.retained()).toMatchObject({ sessions: 1, boxes: 1 });
    expect(t.retained().seenIds).toBeLessThanOrEqual(base.length);
    // A rewrite re-read brings the last turns again (bounded tail): nothing restarts.
    const reread = [...turn(297), ...turn(298), ...turn(299)];
    const events = t.apply({ agent: 'main', key, entries: reread, rewritten: true });
    expect(events.filter((e) => e.type === 'turn-start')).toEqual([]);
    expect(t.view(key)).toMatchObject({ turn: 300 });
  });
});
