// The cells of one session-list row, as plain strings. Widths and truncation are left to the
// layout (Ink measures wide characters), so this stays pure and testable.
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
    elapsed: formatElapsed(Math.max(0, end - view.startedAt)),
    tokens: view.tokens > 0 ? `${formatTokens(view.tokens)} tok` : '',
    cost: view.cost !== undefined && view.cost > 0 ? formatCost(view.cost) : '',
  };
}

/** Where a session talks: the registry's origin, else the channel kind in its key. */
export function originOf(key: string, origin: string | undefined): string {
  if (origin !== undefined && origin.trim() !== '') return origin;
  // agent:<agent>:<rest>: `main` is the agent's DM/CLI session, `subagent:<id>` a spawned child.
  const [, , kind, , id] = key.split(':');
  if (kind === undefined) return '';
  if (kind === 'mattermost' && id !== undefined) return `mattermost:${id.slice(0, 8)}`;
  return kind;
}

export function formatElapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d${String(h % 24).padStart(2, '0')}h`;
}

export function formatTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

export function formatCost(usd: number): string {
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 100) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd)}`;
}

/**
 * Agent text is untrusted: drop escape sequences and control characters so a label cannot move
 * the cursor, recolour or clear the screen, and fold it onto one line.
 */
export function oneLine(text: string): string {
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
