import type { SessionRecord } from '@livestatus/transcript';
import { describe, expect, it } from 'vitest';
import { routeFor, routeId } from './routing.ts';

const rec = (mattermost?: SessionRecord['mattermost']): SessionRecord => ({
  key: 'agent:main:main',
  sessionId: 's',
  agent: 'main',
  status: 'running',
  transcript: { kind: 'jsonl', path: '/x.jsonl' },
  ...(mattermost ? { mattermost } : {}),
});
const CH = '4xk9pq7wbjdo8rj3n5s1mct6ue';
const U = 'u7gq1m3kx5f8bq2ncw9ta4zr6e';

describe('routeFor', () => {
  it('posts into the registry channel and thread', () => {
    expect(routeFor(rec({ channelId: CH, rootId: 'root1' }), undefined)).toEqual({
      kind: 'channel',
      channelId: CH,
      rootId: 'root1',
    });
  });
  it('sends DM sessions to the user, to be resolved to a DM channel', () => {
    expect(routeFor(rec({ dmUserId: U, accountId: 'default' }), 'd')).toEqual({ kind: 'dm', userId: U });
  });
  it('carries a non-default accountId, which picks the bot', () => {
    expect(routeFor(rec({ channelId: CH, accountId: 'second' }), undefined)).toEqual({
      kind: 'channel',
      channelId: CH,
      accountId: 'second',
    });
    expect(routeFor(rec({ dmUserId: U, rootId: 'r', accountId: 'second' }), undefined)).toEqual({
      kind: 'dm',
      userId: U,
      rootId: 'r',
      accountId: 'second',
    });
    expect(routeFor(rec({ channelId: CH, accountId: 'default' }), undefined)).toEqual({
      kind: 'channel',
      channelId: CH,
    });
  });
  it('falls back to DEFAULT_CHANNEL for sessions without a Mattermost route', () => {
    expect(routeFor(rec(), CH)).toEqual({ kind: 'channel', channelId: CH });
  });
  it('leaves sessions with neither alone', () => {
    expect(routeFor(rec(), undefined)).toBeNull();
  });
  it('names routes stably', () => {
    expect(routeId({ kind: 'dm', userId: U, rootId: 'r' })).toBe(`user:${U}:thread:r`);
  });
});
