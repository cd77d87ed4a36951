import { describe, expect, it } from 'vitest';
import { makeItem } from '../../test/support/items.ts';
import { matchesFilter, mostRecentlyActive, orderSessions, topLevel, visibleSessions } from './order.ts';

describe('session order', () => {
  it('puts running sessions first, then the most recently active', () => {
    const items = [
      makeItem({ key: 'old-done', state: 'done', lastActivityAt: 10 }),
      makeItem({ key: 'new-done', state: 'done', lastActivityAt: 50 }),
      makeItem({ key: 'quiet-active', state: 'active', lastActivityAt: 5 }),
      makeItem({ key: 'busy-active', state: 'active', lastActivityAt: 40 }),
      makeItem({ key: 'failed', state: 'error', lastActivityAt: 30 }),
    ];
    expect(orderSessions(items).map((i) => i.key)).toEqual([
      'busy-active',
      'quiet-active',
      'new-done',
      'failed',
      'old-done',
    ]);
  });

  it('breaks ties by key so the list does not shuffle between renders', () => {
    const items = [makeItem({ key: 'b', lastActivityAt: 1 }), makeItem({ key: 'a', lastActivityAt: 1 })];
    expect(orderSessions(items).map((i) => i.key)).toEqual(['a', 'b']);
    expect(orderSessions([...items].reverse()).map((i) => i.key)).toEqual(['a', 'b']);
  });

  it('hides sub-agents whose parent is listed, keeps orphans', () => {
    const items = [
      makeItem({ key: 'parent' }),
      makeItem({ key: 'child', parentKey: 'parent' }),
      makeItem({ key: 'orphan', parentKey: 'gone' }),
    ];
    expect(topLevel(items).map((i) => i.key)).toEqual(['parent', 'orphan']);
  });

  it("follows the tracker's word on nesting: a child of an ended parent turn gets its own row", () => {
    const items = [
      makeItem({ key: 'parent' }),
      { ...makeItem({ key: 'live-child', parentKey: 'parent' }), nested: true },
      { ...makeItem({ key: 'old-child', parentKey: 'parent' }), nested: false },
    ];
    expect(topLevel(items).map((i) => i.key)).toEqual(['parent', 'old-child']);
  });
});

describe('session filter', () => {
  const item = makeItem({ key: 'agent:ops:mattermost:channel:abc', label: 'Deploy Bot', origin: 'webchat' });

  it('matches label, key and origin case-insensitively', () => {
    expect(matchesFilter(item, 'deploy')).toBe(true);
    expect(matchesFilter(item, 'MATTERMOST')).toBe(true);
    expect(matchesFilter(item, 'webchat')).toBe(true);
    expect(matchesFilter(item, 'nothing-like-it')).toBe(false);
  });

  it('an empty or blank filter matches everything', () => {
    expect(matchesFilter(item, '')).toBe(true);
    expect(matchesFilter(item, '   ')).toBe(true);
  });

  it('filters after ordering', () => {
    const items = [
      makeItem({ key: 'x-1', label: 'alpha', lastActivityAt: 1 }),
      makeItem({ key: 'x-2', label: 'beta', lastActivityAt: 2 }),
      makeItem({ key: 'x-3', label: 'alphabet', lastActivityAt: 3 }),
    ];
    expect(visibleSessions(items, 'alpha').map((i) => i.key)).toEqual(['x-3', 'x-1']);
  });
});

describe('most recently active', () => {
  it('is the session with the newest activity, whatever its state', () => {
    const items = [
      makeItem({ key: 'a', state: 'active', lastActivityAt: 5 }),
      makeItem({ key: 'b', state: 'done', lastActivityAt: 9 }),
    ];
    expect(mostRecentlyActive(items)?.key).toBe('b');
    expect(mostRecentlyActive([])).toBeUndefined();
  });
});
