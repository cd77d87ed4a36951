// The cells of one session-list row, as plain strings. Widths and truncation are left to the
// layout (Ink measures wide characters), so this stays pure and testable.
import { cleanAgentText, formatCost, formatDuration, formatTokens } from '@livestatus/render';
import type { TurnState } from '@livestatus/transcript';
import type { SessionItem } from '../sessions/session-item.ts';

export interface RowCells {
  /** `●` when the session has activity the user has not looked at. */
  marker: string;
  state: TurnState;
  status: string;
  label: string;
  origin: string;
  elapsed: string;
  tokens: string;
  cost: string;
}

const STATUS: Record<TurnState, string> = {
  active: 'ACTIVE',
  done: 'DONE',
  error: 'ERROR',
  interrupted: 'INTERRUPTED',
};

export function rowCells(item: SessionItem, now: number, unseen: boolean): RowCells {
  const { view, record } = item;
  const end = view.state === 'active' ? now : (view.endedAt ?? view.lastActivityAt);
  return {
    marker: unseen ? '●' : ' ',
    state: view.state,
    status: STATUS[view.state],
    label: oneLine(view.label || view.agent || item.key),
    origin: oneLine(originOf(item.key, record?.origin)),
    elapsed: formatDuration(Math.max(0, end - view.startedAt)),
    tokens: view.tokens > 0 ? formatTokens(view.tokens) : '',
    cost: view.cost !== undefined && view.cost > 0 ? formatCost(view.cost) : '',
  };
}

/** Where a session talks: the registry's origin, else what its key says (channel, DM, thread). */
export function originOf(key: string, origin: string | undefined): string {
  if (origin !== undefined && origin.trim() !== '') return origin;
  // agent:<agent>:<channel>:<kind>:<id>[:thread:<root>]; `main` is the agent's own DM/CLI session.
  const [, , channel, kind, id, threadWord] = key.split(':');
  if (channel === undefined) return '';
  if (channel !== 'mattermost' || kind === undefined || id === undefined) return channel;
  // Mattermost is the usual case: `#<channel id prefix>`, ` thread` for a thread, `dm` for a DM.
  const where = kind === 'direct' ? 'dm' : `#${id.slice(0, 8)}`;
  return `${where}${threadWord === 'thread' ? ' thread' : ''}`;
}

/** Agent-derived text (labels, origins) is untrusted: one clean line, as every host draws it. */
export function oneLine(text: string): string {
  return cleanAgentText(text, MAX_CELL_CHARS);
}

const MAX_CELL_CHARS = 120;
