import type { SessionView } from '@livestatus/transcript';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_SESSIONS,
  isStalled,
  MAX_ENTRIES,
  RECENT_MS,
  type SessionEntry,
  STALLED_MS,
  selectSessions,
  sessionsReducer,
} from './sessions.ts';

const T0 = 1_700_000_000_000;

function view(over: Partial<SessionView> = {}): SessionView {
  return {
    key: 'agent:main:mattermost:channel:c1',
    sessionId: 's1',
    agent: 'main',
    label: 'main',
    state: 'active',
    turn: 1,
    startedAt: T0,
    lastActivityAt: T0,
    lines: [],
    tokens: 0,
    compactions: 0,
    ...over,
  };
}

function entry(postId: string, over: Partial<SessionEntry> = {}, v: Partial<SessionView> = {}): SessionEntry {
  return { postId, channelId: 'c1', userId: 'bot', view: view(v), updatedAt: T0, ...over };
}

const bots = (id: string) => id === 'bot';

describe('sessionsReducer', () => {
  it('ignores an older copy of a post that arrives after a newer one (hydration racing the socket)', () => {
    let s = sessionsReducer(EMPTY_SESSIONS, {
      type: 'upsert',
      entry: entry('p1', { updatedAt: T0 + 10 }, { tokens: 9 }),
    });
    s = sessionsReducer(s, { type: 'upsert', entry: entry('p1', { updatedAt: T0 + 5 }, { tokens: 1 }) });
    expect(s.byPost.p1?.view.tokens).toBe(9);
  });

  it('removes a deleted post', () => {
    const s = sessionsReducer(EMPTY_SESSIONS, { type: 'upsert', entry: entry('p1') });
    expect(sessionsReducer(s, { type: 'remove', postId: 'p1' }).byPost).toEqual({});
  });

  it('prunes ended sessions after the recent window but never active ones', () => {
    let s = sessionsReducer(EMPTY_SESSIONS, {
      type: 'upsert',
      entry: entry('done', {}, { state: 'done', endedAt: T0 }),
    });
    s = sessionsReducer(s, { type: 'upsert', entry: entry('live', {}, { key: 'k2' }) });
    expect(Object.keys(sessionsReducer(s, { type: 'prune', now: T0 + RECENT_MS - 1 }).byPost)).toHaveLength(
      2,
    );
    expect(Object.keys(sessionsReducer(s, { type: 'prune', now: T0 + RECENT_MS + 1 }).byPost)).toEqual([
      'live',
    ]);
  });

  it(`keeps at most ${MAX_ENTRIES} posts, dropping the stalest`, () => {
    let s = EMPTY_SESSIONS;
    for (let i = 0; i < MAX_ENTRIES + 5; i++) {
      s = sessionsReducer(s, {
        type: 'upsert',
        entry: entry(`p${i}`, { updatedAt: T0 + i }, { key: `k${i}` }),
      });
    }
    expect(Object.keys(s.byPost)).toHaveLength(MAX_ENTRIES);
    expect(s.byPost.p0).toBeUndefined();
    expect(s.byPost[`p${MAX_ENTRIES + 4}`]).toBeDefined();
  });
});

describe('selectSessions', () => {
  it('lists only sessions written by bots (a forged post by a person never appears)', () => {
    let s = sessionsReducer(EMPTY_SESSIONS, { type: 'upsert', entry: entry('p1') });
    s = sessionsReducer(s, { type: 'upsert', entry: entry('p2', { userId: 'alice' }, { key: 'forged' }) });
    const list = selectSessions(s, bots, T0);
    expect(list.active.map((e) => e.postId)).toEqual(['p1']);
  });

  it('shows one row per session: its newest turn', () => {
    let s = sessionsReducer(EMPTY_SESSIONS, {
      type: 'upsert',
      entry: entry('turn1', {}, { state: 'done', turn: 1, endedAt: T0 + 5 }),
    });
    s = sessionsReducer(s, {
      type: 'upsert',
      entry: entry('turn2', { updatedAt: T0 + 10 }, { turn: 2, startedAt: T0 + 10 }),
    });
    const list = selectSessions(s, bots, T0 + 20);
    expect(list.active.map((e) => e.postId)).toEqual(['turn2']);
    expect(list.recent).toEqual([]);
  });

  it('orders active sessions by latest activity and keeps recently ended ones apart', () => {
    let s = sessionsReducer(EMPTY_SESSIONS, {
      type: 'upsert',
      entry: entry('a', {}, { key: 'a', lastActivityAt: T0 + 1 }),
    });
    s = sessionsReducer(s, { type: 'upsert', entry: entry('b', {}, { key: 'b', lastActivityAt: T0 + 9 }) });
    s = sessionsReducer(s, {
      type: 'upsert',
      entry: entry('c', {}, { key: 'c', state: 'error', endedAt: T0 + 3 }),
    });
    const list = selectSessions(s, bots, T0 + 10);
    expect(list.active.map((e) => e.postId)).toEqual(['b', 'a']);
    expect(list.recent.map((e) => e.postId)).toEqual(['c']);
  });
});

describe('isStalled', () => {
  it('flags an active box with no update for a long time, not a finished one', () => {
    expect(isStalled(entry('p'), T0 + STALLED_MS - 1)).toBe(false);
    expect(isStalled(entry('p'), T0 + STALLED_MS + 1)).toBe(true);
    expect(isStalled(entry('p', {}, { state: 'done' }), T0 + STALLED_MS * 10)).toBe(false);
  });
});
