// Hand-built SessionViews for box-level tests (the daemon's e2e suites use real fixtures).
import type { SessionView, ViewLine } from '@livestatus/transcript';

export function view(over: Partial<SessionView> & { lines?: ViewLine[] } = {}): SessionView {
  return {
    key: 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue',
    sessionId: 's-1',
    agent: 'main',
    label: 'main',
    state: 'active',
    turn: 1,
    startedAt: 1_000,
    lastActivityAt: 1_000,
    lines: [],
    tokens: 0,
    compactions: 0,
    ...over,
  };
}

export function textLine(i: number, text = `step ${i}`): ViewLine {
  return { kind: 'text', id: `t${i}`, text, at: 1_000 + i };
}
