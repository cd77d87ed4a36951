import { describe, expect, it } from 'vitest';
import { commandFor } from './keymap.ts';
import { key } from './test-keys.ts';

const none = key();

const list = { filterEditing: false, mode: 'list' as const };
const detail = { filterEditing: false, mode: 'detail' as const };
const editing = { filterEditing: true, mode: 'list' as const };

describe('keymap', () => {
  it('arrows and j/k move the selection', () => {
    expect(commandFor('', key({ downArrow: true }), list)).toEqual({ type: 'move', by: 1 });
    expect(commandFor('j', none, list)).toEqual({ type: 'move', by: 1 });
    expect(commandFor('', key({ upArrow: true }), list)).toEqual({ type: 'move', by: -1 });
    expect(commandFor('k', none, list)).toEqual({ type: 'move', by: -1 });
  });

  it('enter and right open; left and esc go back only from the full view', () => {
    expect(commandFor('', key({ return: true }), list)).toEqual({ type: 'open' });
    expect(commandFor('', key({ rightArrow: true }), list)).toEqual({ type: 'open' });
    expect(commandFor('', key({ leftArrow: true }), detail)).toEqual({ type: 'back' });
    expect(commandFor('', key({ escape: true }), detail)).toEqual({ type: 'back' });
    expect(commandFor('', key({ escape: true }), list)).toBeUndefined();
  });

  it('letters are commands outside the filter', () => {
    expect(commandFor('s', none, list)).toEqual({ type: 'toggleSubagents' });
    expect(commandFor('t', none, list)).toEqual({ type: 'toggleTools' });
    expect(commandFor('f', none, list)).toEqual({ type: 'toggleFollow' });
    expect(commandFor('/', none, list)).toEqual({ type: 'filterStart' });
    expect(commandFor('q', none, list)).toEqual({ type: 'quit' });
    expect(commandFor('x', none, list)).toBeUndefined();
  });

  it('while filtering, letters (even q) are typed, not commands', () => {
    expect(commandFor('q', none, editing)).toEqual({ type: 'filterType', text: 'q' });
    expect(commandFor('j', none, editing)).toEqual({ type: 'filterType', text: 'j' });
    expect(commandFor('', key({ return: true }), editing)).toEqual({ type: 'filterCommit' });
    expect(commandFor('', key({ escape: true }), editing)).toEqual({ type: 'filterCancel' });
    expect(commandFor('', key({ backspace: true }), editing)).toEqual({ type: 'filterBackspace' });
  });

  it('control characters in pasted text never reach the filter', () => {
    expect(commandFor('ab\u001b[2Jc\u0085', none, editing)).toEqual({ type: 'filterType', text: 'ab[2Jc' });
    expect(commandFor('\u0007', none, editing)).toBeUndefined();
  });
});
