// Hand-built views for host tests here and in the apps (`@livestatus/render/testing`); views built
// from the real fixtures are in test/fixture-views.ts.
import type { SessionView } from '@livestatus/transcript';

export const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

export function seedView(): SessionView {
  return {
    key: 'agent:main:mattermost:channel:x',
    sessionId: 's1',
    agent: 'main',
    label: 'main',
    state: 'done',
    turn: 1,
    startedAt: T0,
    endedAt: T0 + 53_000,
    lastActivityAt: T0 + 53_000,
    tokens: 12_400,
    compactions: 0,
    lines: [
      { kind: 'text', id: 'a', text: 'Reading live-status source code...', at: T0 },
      { kind: 'tool', id: 't1', tool: 'exec', label: 'exec: ls /agents/sessions', status: 'ok', at: T0 },
      { kind: 'text', id: 'b', text: 'Analyzing agent configurations...', at: T0 },
      { kind: 'tool', id: 't2', tool: 'exec', label: 'exec: grep -r live-status', status: 'ok', at: T0 },
      { kind: 'text', id: 'c', text: 'Writing new implementation...', at: T0 },
      {
        kind: 'tool',
        id: 't3',
        tool: 'sessions_spawn',
        label: 'sessions_spawn: proj035-planner',
        status: 'ok',
        at: T0,
        subagent: {
          key: 'agent:main:subagent:1',
          label: 'proj035-planner',
          state: 'done',
          startedAt: T0 + 10_000,
          endedAt: T0 + 38_000,
          tokens: 3000,
          lines: [
            { kind: 'text', id: 'c1', text: 'Reading protocol...', at: T0 },
            { kind: 'text', id: 'c2', text: 'Analyzing JSONL format...', at: T0 },
          ],
        },
      },
      { kind: 'text', id: 'd', text: 'Plan ready. Awaiting approval.', at: T0 },
    ],
  };
}

/** A live turn: one tool still running, one failed, quiet for a while. */
export function activeView(): SessionView {
  return {
    key: 'agent:main:main',
    sessionId: 's2',
    agent: 'main',
    label: 'main',
    state: 'active',
    turn: 2,
    startedAt: T0,
    lastActivityAt: T0 + 8_000,
    quiet: { sinceMs: T0 + 8_000, forMs: 30_000, doing: 'running exec' },
    tokens: 950,
    cost: 0.0123,
    compactions: 1,
    lines: [
      { kind: 'text', id: 'a', text: 'Building the project', at: T0 },
      {
        kind: 'tool',
        id: 't1',
        tool: 'exec',
        label: 'exec: npm test',
        status: 'error',
        detail: 'exit 1',
        at: T0,
      },
      { kind: 'note', id: 'n1', note: 'compacted', text: '', at: T0 },
      { kind: 'tool', id: 't2', tool: 'exec', label: 'exec: npm run build', status: 'pending', at: T0 },
    ],
  };
}

/** `n` text lines, oldest first. */
export function longView(n: number): SessionView {
  return {
    ...seedView(),
    lines: Array.from({ length: n }, (_, i) => ({
      kind: 'text' as const,
      id: `l${i}`,
      text: `line ${i + 1}`,
      at: T0,
    })),
  };
}
