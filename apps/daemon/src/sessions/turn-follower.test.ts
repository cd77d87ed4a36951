// The follower over the real 7.35 basic session: a turn becomes one box, and once the session
// leaves the registry (OpenClaw's store maintenance pruned it) nothing of it stays in the follower.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  createLabeler,
  createTracker,
  fixturesDir,
  parseEntry,
  parseSessionsJson,
  type SessionView,
  type TranscriptEntry,
} from '@livestatus/transcript';
import { describe, expect, it } from 'vitest';
import type { Box } from '../boxes/box.ts';
import { silentLog } from '../ops/metrics.ts';
import type { Route } from './routing.ts';
import { createTurnFollower, type FollowerBoxes } from './turn-follower.ts';

const DIR = path.join(fixturesDir, 'v2026.7.35-local-basic/agents/main/sessions');

function realSession() {
  const parsed = parseSessionsJson(readFileSync(path.join(DIR, 'sessions.json'), 'utf8'), {
    agent: 'main',
    sessionsDir: DIR,
    exists: () => true,
  });
  if (!parsed.ok) throw new Error(parsed.error);
  const record = parsed.records[0];
  if (record?.transcript.kind !== 'jsonl') throw new Error('the fixture has no JSONL session');
  const entries = readFileSync(path.join(DIR, path.basename(record.transcript.path)), 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((l): TranscriptEntry[] => {
      const p = parseEntry(l);
      return p.ok ? [p.entry] : [];
    });
  return { record, entries };
}

/** Boxes in memory: one per (key, turn), the last view and route shown. */
function memoryBoxes() {
  const shown = new Map<string, { view: SessionView; route: Route }>();
  const boxes: FollowerBoxes = {
    boxFor: (key, turn) =>
      shown.has(`${key}#${turn}`) ? ({ key, turn, channelId: 'c' } as unknown as Box) : undefined,
    show(view, route) {
      shown.set(`${view.key}#${view.turn}`, { view, route });
      return { key: view.key, turn: view.turn } as unknown as Box;
    },
    liveBoxes: () => [],
    allBoxes: () => [],
    markState: () => {},
    prune: () => {},
  };
  return { boxes, shown };
}

describe('turn follower', () => {
  it('forgets a session that left the registry (it kept the record of every session ever seen)', () => {
    const { record, entries } = realSession();
    const { boxes, shown } = memoryBoxes();
    const now = (record.startedAt ?? 0) + 60_000;
    const follower = createTurnFollower({
      tracker: createTracker({ labeler: createLabeler({}), since: record.startedAt ?? 0 }),
      boxes,
      log: silentLog,
      now: () => now,
      defaultChannel: 'town-square',
    });
    follower.finishStartup();
    follower.onChange({ agent: 'main', key: record.key, record, entries });
    expect([...shown.keys()]).toEqual([`${record.key}#1`]);
    expect(shown.get(`${record.key}#1`)?.view.state).toBe('done');
    expect(follower.stats().tracked).toBe(1);
    follower.onChange({ agent: 'main', key: record.key, entries: [], removed: true });
    expect(follower.stats().tracked).toBe(0);
    expect([...shown.keys()]).toEqual([`${record.key}#1`]);
  });
});
