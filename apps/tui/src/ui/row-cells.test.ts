import { describe, expect, it } from 'vitest';
import { makeItem } from '../../test/support/items.ts';
import { originOf, rowCells } from './row-cells.ts';

describe('row cells', () => {
  it('an active session counts elapsed time up to now and shows tokens and cost', () => {
    const item = makeItem({ key: 'k', label: 'planner', startedAt: 0, tokens: 12_400, cost: 0.0123 });
    expect(rowCells(item, 83_000, false)).toMatchObject({
      marker: ' ',
      status: 'ACTIVE',
      label: 'planner',
      elapsed: '1m23s',
      tokens: '12.4k tokens',
      cost: '$0.0123',
    });
  });

  it('a finished session stops its clock at the end of the turn', () => {
    const item = makeItem({ key: 'k', state: 'done', startedAt: 0, endedAt: 53_000, lastActivityAt: 53_000 });
    expect(rowCells(item, 10_000_000, true)).toMatchObject({ marker: '●', status: 'DONE', elapsed: '53s' });
  });

  it('leaves tokens and cost blank when nothing was reported', () => {
    expect(rowCells(makeItem({ key: 'k' }), 1_000_000, false)).toMatchObject({ tokens: '', cost: '' });
  });

  it('a label full of escape sequences cannot reach the terminal', () => {
    const item = makeItem({ key: 'k', label: 'evil\u001b[2J\u001b]0;title\u0007\u009b\u202e' });
    const label = rowCells(item, 0, false).label;
    expect(label.startsWith('evil')).toBe(true);
    expect(label).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('a multi-line label shows its first line only', () => {
    expect(rowCells(makeItem({ key: 'k', label: 'first\nsecond' }), 0, false).label).toBe('first');
  });
});

describe('origin', () => {
  it('prefers the registry origin, else the channel kind in the key', () => {
    expect(originOf('agent:main:mattermost:channel:4xk9pq7wbjdo8rj3', 'webchat')).toBe('webchat');
    expect(originOf('agent:main:mattermost:channel:4xk9pq7wbjdo8rj3', undefined)).toBe('#4xk9pq7w');
    expect(originOf('agent:main:mattermost:channel:4xk9pq7wbjdo8rj3:thread:8z1y', undefined)).toBe(
      '#4xk9pq7w thread',
    );
    expect(originOf('agent:main:mattermost:direct:u7gq1m3k', undefined)).toBe('dm');
    expect(originOf('agent:main:main', undefined)).toBe('main');
    expect(originOf('agent:main:subagent:df17bc7c', undefined)).toBe('subagent');
    expect(originOf('weird', undefined)).toBe('');
  });
});
