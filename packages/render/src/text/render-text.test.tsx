import type { SessionView } from '@livestatus/transcript';
import { describe, expect, it } from 'vitest';
import { renderText } from './render-text.ts';

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

function seedView(): SessionView {
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

describe('renderText', () => {
  it('draws the seed example exactly', () => {
    expect(renderText(seedView(), { now: T0 + 60_000 })).toBe(
      [
        '[DONE] main | 53s',
        'Reading live-status source code...',
        '  exec: ls /agents/sessions [OK]',
        'Analyzing agent configurations...',
        '  exec: grep -r live-status [OK]',
        'Writing new implementation...',
        '  Sub-agent: proj035-planner',
        '    Reading protocol...',
        '    Analyzing JSONL format...',
        '    [DONE] 28s',
        'Plan ready. Awaiting approval.',
        '[DONE] 53s | 12.4k tokens',
      ].join('\n'),
    );
  });
});
