import { describe, expect, it } from 'vitest';
import { makeItem } from '../../test/support/items.ts';
import type { SessionItem } from '../sessions/session-item.ts';
import { key } from './test-keys.ts';
import { initialUiState, isUnseen, type UiAction, type UiState, uiReducer, visibleOf } from './ui-state.ts';

function snap(items: SessionItem[], now = 100): UiAction {
  return { type: 'snapshot', snapshot: { items, now, ready: true } };
}

function run(actions: UiAction[], from: UiState = initialUiState): UiState {
  return actions.reduce(uiReducer, from);
}

const three = [
  makeItem({ key: 'a', label: 'alpha', state: 'active', lastActivityAt: 30 }),
  makeItem({ key: 'b', label: 'beta', state: 'done', lastActivityAt: 20 }),
  makeItem({ key: 'c', label: 'gamma', state: 'done', lastActivityAt: 10 }),
];

describe('ui reducer: selection', () => {
  it('selects the first row once sessions arrive', () => {
    expect(run([snap(three)]).selectedKey).toBe('a');
  });

  it('moves down and up within the visible rows and stops at the ends', () => {
    const s = run([snap(three)]);
    expect(run([{ type: 'move', by: 1 }], s).selectedKey).toBe('b');
    expect(
      run(
        [
          { type: 'move', by: 1 },
          { type: 'move', by: 1 },
          { type: 'move', by: 1 },
        ],
        s,
      ).selectedKey,
    ).toBe('c');
    expect(run([{ type: 'move', by: -1 }], s).selectedKey).toBe('a');
  });

  it('keeps the selected session when the list reorders under it', () => {
    let s = run([snap(three), { type: 'move', by: 2 }]);
    expect(s.selectedKey).toBe('c');
    const cBecomesActive = [
      three[0]!,
      three[1]!,
      makeItem({ key: 'c', state: 'active', lastActivityAt: 99 }),
    ];
    s = uiReducer(s, snap(cBecomesActive));
    expect(s.selectedKey).toBe('c');
    expect(visibleOf(s)[0]?.key).toBe('c');
  });

  it('falls back to the first row when the selected session disappears', () => {
    let s = run([snap(three), { type: 'move', by: 1 }]);
    s = uiReducer(s, snap([three[0]!, three[2]!]));
    expect(s.selectedKey).toBe('a');
  });

  it('opens the full view only with a selection, and goes back', () => {
    expect(run([{ type: 'open' }]).mode).toBe('list');
    const s = run([snap(three), { type: 'open' }]);
    expect(s.mode).toBe('detail');
    expect(uiReducer(s, { type: 'back' }).mode).toBe('list');
  });
});

describe('ui reducer: follow', () => {
  it('keeps the most recently active session selected while following', () => {
    let s = run([snap(three), { type: 'move', by: 2 }, { type: 'toggleFollow' }]);
    expect(s.selectedKey).toBe('a');
    const bMoves = [three[0]!, makeItem({ key: 'b', state: 'active', lastActivityAt: 50 }), three[2]!];
    s = uiReducer(s, snap(bMoves));
    expect(s.selectedKey).toBe('b');
  });

  it('stops following when the user moves the selection', () => {
    const s = run([snap(three), { type: 'toggleFollow' }, { type: 'move', by: 1 }]);
    expect(s.follow).toBe(false);
    expect(s.selectedKey).toBe('b');
  });
});

describe('ui reducer: filter', () => {
  it('narrows the rows as the user types and moves the selection onto a match', () => {
    const s = run([snap(three), { type: 'filterStart' }, { type: 'filterType', text: 'gam' }]);
    expect(s.filterEditing).toBe(true);
    expect(visibleOf(s).map((i) => i.key)).toEqual(['c']);
    expect(s.selectedKey).toBe('c');
  });

  it('backspace widens it again; commit keeps it; cancel clears it', () => {
    const typed = run([snap(three), { type: 'filterStart' }, { type: 'filterType', text: 'betaX' }]);
    expect(visibleOf(typed)).toEqual([]);
    const fixed = uiReducer(typed, { type: 'filterBackspace' });
    expect(visibleOf(fixed).map((i) => i.key)).toEqual(['b']);
    const kept = uiReducer(fixed, { type: 'filterCommit' });
    expect(kept.filterEditing).toBe(false);
    expect(kept.filter).toBe('beta');
    const cleared = uiReducer(kept, { type: 'filterCancel' });
    expect(cleared.filter).toBe('');
    expect(visibleOf(cleared)).toHaveLength(3);
  });

  it('a filter that hides everything leaves nothing selected and returns to the list', () => {
    const s = run([
      snap(three),
      { type: 'open' },
      { type: 'filterStart' },
      { type: 'filterType', text: 'zzz' },
    ]);
    expect(s.selectedKey).toBeUndefined();
    expect(s.mode).toBe('list');
  });
});

describe('ui reducer: unseen activity', () => {
  it('history present at start counts as seen; later activity on another row is unseen until selected', () => {
    let s = run([snap(three)]);
    expect(three.some((i) => isUnseen(s, i))).toBe(false);
    const cMoved = makeItem({ key: 'c', state: 'active', lastActivityAt: 40 });
    s = uiReducer(s, snap([three[0]!, three[1]!, cMoved]));
    expect(isUnseen(s, cMoved)).toBe(true);
    // c is now the first row (both active, c newer); a stays selected.
    expect(s.selectedKey).toBe('a');
    s = uiReducer(s, { type: 'move', by: -1 });
    expect(s.selectedKey).toBe('c');
    s = uiReducer(s, { type: 'move', by: 1 });
    expect(isUnseen(s, cMoved)).toBe(false);
  });

  it('sessions already there when loading finishes count as seen, even if earlier snapshots were empty', () => {
    const loading: UiAction = { type: 'snapshot', snapshot: { items: [], now: 1, ready: false } };
    const s = run([loading, snap(three)]);
    expect(three.some((i) => isUnseen(s, i))).toBe(false);
  });

  it('a session that appears after start is unseen', () => {
    let s = run([snap([three[0]!])]);
    const fresh = makeItem({ key: 'new', state: 'active', lastActivityAt: 1 });
    s = uiReducer(s, snap([three[0]!, fresh]));
    expect(isUnseen(s, fresh)).toBe(true);
  });
});

describe('ui reducer: expansion', () => {
  it('s and t flip sub-agent and tool expansion independently', () => {
    const s = run([{ type: 'toggleSubagents' }, { type: 'toggleTools' }]);
    expect(s.expandSubagents).toBe(!initialUiState.expandSubagents);
    expect(s.expandTools).toBe(!initialUiState.expandTools);
    expect(run([{ type: 'toggleTools' }, { type: 'toggleTools' }]).expandTools).toBe(
      initialUiState.expandTools,
    );
  });
});

describe('ui reducer: raw keys', () => {
  const k = key();
  it('a burst of keys is mapped against the state each key leaves (/ then q types q)', () => {
    const s = run([snap(three), { type: 'key', input: '/', key: k }, { type: 'key', input: 'q', key: k }]);
    expect(s.filter).toBe('q');
    expect(s.quitting).toBe(false);
  });

  it('a held key arriving as one chunk moves once per character', () => {
    const s = run([snap(three), { type: 'key', input: 'jj', key: k }]);
    expect(s.selectedKey).toBe('c');
  });

  it('fast typing of a whole filter and Enter in one chunk filters, then keys are commands again', () => {
    const s = run([snap(three), { type: 'key', input: '/gam\rk', key: k }]);
    expect(s.filter).toBe('gam');
    expect(s.filterEditing).toBe(false);
    expect(s.selectedKey).toBe('c');
  });

  it('q outside the filter asks to quit', () => {
    expect(run([{ type: 'key', input: 'q', key: k }]).quitting).toBe(true);
  });
});
