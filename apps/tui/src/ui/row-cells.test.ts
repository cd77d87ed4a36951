import { describe, expect, it } from 'vitest';
import { makeItem } from '../../test/support/items.ts';
import { formatCost, formatElapsed, formatTokens, oneLine, originOf, rowCells } from './row-cells.ts';

describe('row cells', () => {
  it('an active session counts elapsed time up to now and shows tokens and cost', () => {
    const item = makeItem({ key: 'k', label: 'planner', startedAt: 0, tokens: 12_400, cost: 0.0123 });
    expect(rowCells(item, 83_000, false)).toMatchObject({
      marker: ' ',
      status: 'ACTIVE',
      label: 'planner',
      elapsed: '1m23s',
      tokens: '12k tok',
      cost: '$0.01',
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
    const item = makeItem({ key: 'k', label: 'evil\u001b[2J\u001b]0;title\u0007\nname\u009b' });
    expect(rowCells(item, 0, false).label).toBe('evil name');
  });
});

describe('origin', () => {
  it('prefers the registry origin, else the channel kind in the key', () => {
    expect(originOf('agent:main:mattermost:channel:4xk9pq7wbjdo8rj3', 'webchat')).toBe('webchat');
    expect(originOf('agent:main:mattermost:channel:4xk9pq7wbjdo8rj3', undefined)).toBe('mattermost:4xk9pq7w');
    expect(originOf('agent:main:main', undefined)).toBe('main');
    expect(originOf('agent:main:subagent:df17bc7c', undefined)).toBe('subagent');
    expect(originOf('weird', undefined)).toBe('');
  });
});

describe('formatting', () => {
  it('elapsed', () => {
    expect(formatElapsed(0)).toBe('0s');
    expect(formatElapsed(59_999)).toBe('59s');
    expect(formatElapsed(60_000)).toBe('1m00s');
    expect(formatElapsed(3_600_000 + 5 * 60_000)).toBe('1h05m');
    expect(formatElapsed(50 * 3_600_000)).toBe('2d02h');
  });
  it('tokens', () => {
    expect(formatTokens(999)).toBe('999');
    expect(formatTokens(1234)).toBe('1.2k');
    expect(formatTokens(123_456)).toBe('123k');
    expect(formatTokens(2_500_000)).toBe('2.5M');
  });
  it('cost', () => {
    expect(formatCost(0.0042)).toBe('$0.0042');
    expect(formatCost(1.5)).toBe('$1.50');
    expect(formatCost(250.4)).toBe('$250');
  });
  it('oneLine folds whitespace', () => {
    expect(oneLine('  a\t\tb\r\nc  ')).toBe('a b c');
  });
});
