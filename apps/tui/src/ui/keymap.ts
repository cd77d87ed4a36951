// Keys → commands. One table for the app and the help bar, so the bar never lies about a key.
import type { Key } from 'ink';
import type { UiAction, UiState } from './ui-state.ts';

export type KeyCommand = Exclude<UiAction, { type: 'snapshot' | 'key' }> | { type: 'quit' };

/** What the help bar shows, in order (fits 80 columns; Esc also goes back). */
export const HELP: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['↑↓/jk', 'select'],
  ['⏎/→', 'open'],
  ['←', 'back'],
  ['s', 'subagents'],
  ['t', 'tools'],
  ['f', 'follow'],
  ['/', 'filter'],
  ['q', 'quit'],
];

export const FILTER_HELP: ReadonlyArray<readonly [keys: string, what: string]> = [
  ['type', 'filter'],
  ['⏎', 'keep'],
  ['esc', 'clear'],
];

export function commandFor(
  input: string,
  key: Key,
  state: Pick<UiState, 'filterEditing' | 'mode'>,
): KeyCommand | undefined {
  if (state.filterEditing) return filterCommand(input, key);
  if (key.upArrow || input === 'k') return { type: 'move', by: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', by: 1 };
  if (key.pageUp) return { type: 'move', by: -10 };
  if (key.pageDown) return { type: 'move', by: 10 };
  if (key.return || key.rightArrow) return { type: 'open' };
  if (key.leftArrow || key.escape) return state.mode === 'detail' ? { type: 'back' } : undefined;
  if (key.ctrl || key.meta) return undefined;
  switch (input) {
    case 's':
      return { type: 'toggleSubagents' };
    case 't':
      return { type: 'toggleTools' };
    case 'f':
      return { type: 'toggleFollow' };
    case '/':
      return { type: 'filterStart' };
    case 'q':
      return { type: 'quit' };
    default:
      return undefined;
  }
}

function filterCommand(input: string, key: Key): KeyCommand | undefined {
  if (key.escape) return { type: 'filterCancel' };
  if (key.return) return { type: 'filterCommit' };
  if (key.backspace || key.delete) return { type: 'filterBackspace' };
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.tab) {
    return undefined;
  }
  // Pasted text arrives as one input; keep only printable characters.
  const text = [...input].filter((c) => c >= ' ' && !(c >= '\u007f' && c <= '\u009f')).join('');
  return text === '' ? undefined : { type: 'filterType', text };
}
