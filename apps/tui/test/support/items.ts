// Hand-made sessions for unit tests of the list and the app shell (the live suites use the real
// fixtures through the replay tool instead).
import type { SessionRecord, SessionView, ToolLine, TurnState, ViewLine } from '@livestatus/transcript';
import type { SessionItem } from '../../src/sessions/session-item.ts';

export interface ItemSpec {
  key: string;
  label?: string;
  agent?: string;
  state?: TurnState;
  startedAt?: number;
  endedAt?: number;
  lastActivityAt?: number;
  tokens?: number;
  cost?: number;
  lines?: ViewLine[];
  origin?: string;
  parentKey?: string;
}

export function makeItem(spec: ItemSpec): SessionItem {
  const startedAt = spec.startedAt ?? 1_000_000;
  const view: SessionView = {
    key: spec.key,
    sessionId: `sid-${spec.key}`,
    agent: spec.agent ?? 'main',
    label: spec.label ?? spec.agent ?? 'main',
    state: spec.state ?? 'active',
    turn: 1,
    startedAt,
    ...(spec.endedAt !== undefined ? { endedAt: spec.endedAt } : {}),
    lastActivityAt: spec.lastActivityAt ?? startedAt,
    lines: spec.lines ?? [],
    tokens: spec.tokens ?? 0,
    ...(spec.cost !== undefined ? { cost: spec.cost } : {}),
    compactions: 0,
  };
  const record: SessionRecord = {
    key: spec.key,
    sessionId: view.sessionId,
    agent: view.agent,
    status: view.state === 'active' ? 'running' : 'done',
    transcript: { kind: 'jsonl', path: `/nowhere/${view.sessionId}.jsonl` },
    ...(spec.origin !== undefined ? { origin: spec.origin } : {}),
    ...(spec.parentKey !== undefined ? { parentKey: spec.parentKey } : {}),
  };
  return { key: spec.key, view, record };
}

export function textLine(id: string, text: string, at = 1_000_000): ViewLine {
  return { kind: 'text', id, text, at };
}

export function toolLine(
  id: string,
  label: string,
  status: 'pending' | 'ok' | 'error',
  at = 1_000_000,
  extra: Partial<ToolLine> = {},
): ToolLine {
  return { kind: 'tool', id, tool: label.split(':')[0] ?? label, label, status, at, ...extra };
}
