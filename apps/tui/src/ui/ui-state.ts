// Everything the TUI remembers between key presses, changed only by `uiReducer`. Selection is by
// session key, not row index, so a list that reorders under the user keeps what they selected.
import type { Key } from 'ink';
import { mostRecentlyActive, visibleSessions } from '../sessions/order.ts';
import type { SessionItem, SessionSnapshot } from '../sessions/session-item.ts';
import { commandFor } from './keymap.ts';

export interface UiState {
  items: readonly SessionItem[];
  /** Clock reading of the snapshot: what elapsed times are drawn against. */
  now: number;
  ready: boolean;
  problem?: string;
  mode: 'list' | 'detail';
  selectedKey?: string;
  filter: string;
  /** The filter line has the keyboard: letters go into the filter instead of being commands. */
  filterEditing: boolean;
  expandSubagents: boolean;
  expandTools: boolean;
  /** Keep the most recently active session selected as activity moves around. */
  follow: boolean;
  /** Per session, the last activity the user has seen (selected it, or it was there at start). */
  seen: Readonly<Record<string, number>>;
  /** The first batch of sessions (history present at start) has arrived. */
  baselined: boolean;
  /** The user asked to quit; the app exits on the next render. */
  quitting: boolean;
}

export type UiAction =
  | { type: 'snapshot'; snapshot: SessionSnapshot }
  /** A raw key press, mapped here so a burst of keys each sees the state the previous one left. */
  | { type: 'key'; input: string; key: Key }
  | { type: 'move'; by: number }
  | { type: 'open' }
  | { type: 'back' }
  | { type: 'toggleSubagents' }
  | { type: 'toggleTools' }
  | { type: 'toggleFollow' }
  | { type: 'filterStart' }
  | { type: 'filterType'; text: string }
  | { type: 'filterBackspace' }
  | { type: 'filterCommit' }
  | { type: 'filterCancel' };

export const initialUiState: UiState = {
  items: [],
  now: 0,
  ready: false,
  mode: 'list',
  filter: '',
  filterEditing: false,
  expandSubagents: true,
  expandTools: false,
  follow: false,
  seen: {},
  baselined: false,
  quitting: false,
};

export function visibleOf(state: UiState): SessionItem[] {
  return visibleSessions(state.items, state.filter);
}

export function selectedOf(state: UiState): SessionItem | undefined {
  return state.items.find((i) => i.key === state.selectedKey);
}

/** A row has activity the user has not looked at yet. */
export function isUnseen(state: UiState, item: SessionItem): boolean {
  if (item.key === state.selectedKey) return false;
  const seenAt = state.seen[item.key];
  return seenAt === undefined || item.view.lastActivityAt > seenAt;
}

export function uiReducer(state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'key': {
      // A held key or fast typing reaches us as one chunk ("jjj", "/abc\r"): each character is a
      // key of its own, applied in order.
      const chars = [...action.input];
      if (chars.length > 1 && !namedKey(action.key)) {
        return chars.reduce<UiState>((s, c) => {
          const enter = c === '\r' || c === '\n';
          return uiReducer(s, { type: 'key', input: enter ? '' : c, key: { ...action.key, return: enter } });
        }, state);
      }
      const command = commandFor(action.input, action.key, state);
      if (command === undefined) return state;
      if (command.type === 'quit') return { ...state, quitting: true };
      return uiReducer(state, command);
    }
    case 'snapshot': {
      const { items, now, ready, problem } = action.snapshot;
      if (items === state.items && now === state.now && ready === state.ready && problem === state.problem) {
        return state;
      }
      let seen = state.seen;
      const baselined = state.baselined || ready;
      if (!state.baselined && ready) {
        const all: Record<string, number> = { ...seen };
        for (const i of items) all[i.key] = i.view.lastActivityAt;
        seen = all;
      }
      const next: UiState = { ...state, items, now, ready, seen, baselined };
      if (problem !== undefined) next.problem = problem;
      else delete next.problem;
      return settleSelection(next);
    }
    case 'move': {
      const visible = visibleOf(state);
      if (visible.length === 0) return state;
      const at = visible.findIndex((i) => i.key === state.selectedKey);
      const next = Math.min(visible.length - 1, Math.max(0, Math.max(at, 0) + action.by));
      return markSeen({ ...state, selectedKey: visible[next]?.key, follow: false });
    }
    case 'open':
      return state.selectedKey === undefined ? state : { ...state, mode: 'detail' };
    case 'back':
      return { ...state, mode: 'list' };
    case 'toggleSubagents':
      return { ...state, expandSubagents: !state.expandSubagents };
    case 'toggleTools':
      return { ...state, expandTools: !state.expandTools };
    case 'toggleFollow':
      return settleSelection({ ...state, follow: !state.follow });
    case 'filterStart':
      return { ...state, filterEditing: true };
    case 'filterType':
      return settleSelection({ ...state, filter: state.filter + action.text });
    case 'filterBackspace':
      return settleSelection({ ...state, filter: [...state.filter].slice(0, -1).join('') });
    case 'filterCommit':
      return { ...state, filterEditing: false };
    case 'filterCancel':
      return settleSelection({ ...state, filter: '', filterEditing: false });
  }
}

/** Keep the selection on a visible row (or the followed one) and count it as seen. */
function settleSelection(state: UiState): UiState {
  const visible = visibleOf(state);
  let selectedKey = state.selectedKey;
  if (state.follow) selectedKey = mostRecentlyActive(visible)?.key ?? selectedKey;
  if (!visible.some((i) => i.key === selectedKey)) selectedKey = visible[0]?.key;
  const mode = selectedKey === undefined ? 'list' : state.mode;
  return markSeen({ ...state, selectedKey, mode });
}

function markSeen(state: UiState): UiState {
  const selected = selectedOf(state);
  if (selected === undefined || state.seen[selected.key] === selected.view.lastActivityAt) return state;
  return { ...state, seen: { ...state.seen, [selected.key]: selected.view.lastActivityAt } };
}

function namedKey(k: Key): boolean {
  return (
    k.upArrow ||
    k.downArrow ||
    k.leftArrow ||
    k.rightArrow ||
    k.pageUp ||
    k.pageDown ||
    k.home ||
    k.end ||
    k.return ||
    k.escape ||
    k.tab ||
    k.backspace ||
    k.delete ||
    k.ctrl ||
    k.meta
  );
}
