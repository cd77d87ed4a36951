// The status box components must run on the Mattermost webapp's own React 18.2 (design §1).
// vitest.config.ts resolves react/react-dom to this workspace's React 18.2, so everything
// below — @livestatus/render's components included — runs on that copy.
import { DomStatusBox } from '@livestatus/render/dom';
import { toProps, validateProps } from '@livestatus/render/props';
import { seedView, T0 } from '@livestatus/render/testing';
import type { SessionView } from '@livestatus/transcript';
import { cleanup, render } from '@testing-library/react';
import React from 'react';
import { afterEach, describe, expect, it } from 'vitest';

afterEach(cleanup);

/** The seed's box, cut down, with hostile agent text as its last line. */
function view(): SessionView {
  return {
    ...seedView(),
    key: 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue',
    lines: [
      { kind: 'text', id: 'a', text: 'Reading live-status source code...', at: T0 },
      { kind: 'tool', id: 't1', tool: 'exec', label: 'exec: ls /agents/sessions', status: 'ok', at: T0 },
      {
        kind: 'tool',
        id: 't2',
        tool: 'sessions_spawn',
        label: 'sessions_spawn: planner',
        status: 'ok',
        at: T0,
        subagent: {
          key: 'agent:main:subagent:1',
          label: 'proj035-planner',
          state: 'done',
          startedAt: T0,
          endedAt: T0 + 28_000,
          tokens: 10,
          lines: [{ kind: 'text', id: 'c', text: 'Reading protocol...', at: T0 }],
        },
      },
      { kind: 'text', id: 'b', text: 'Hey @channel <img src=x onerror=alert(1)> **bold**', at: T0 },
    ],
  };
}

const theme = { centerChannelBg: '#ffffff', centerChannelColor: '#3f4350', onlineIndicator: '#3db887' };

describe('@livestatus/render on React 18.2', () => {
  it('runs on the webapp React', () => {
    expect(React.version).toBe('18.2.0');
  });

  it('renders the DOM host from validated post props', () => {
    const checked = validateProps(JSON.parse(JSON.stringify(toProps(view()))));
    if (!checked.ok) throw new Error(checked.error);
    const { container } = render(
      <DomStatusBox view={checked.view} options={{ now: T0 + 60_000 }} theme={theme} />,
    );
    const lines = [...container.querySelectorAll<HTMLElement>('.ls-line')].map(
      (l) => '  '.repeat(Number(l.dataset.indent)) + l.textContent,
    );
    expect(lines).toEqual([
      '[DONE] main | 53s',
      'Reading live-status source code...',
      '  exec: ls /agents/sessions [OK]',
      '  Sub-agent: proj035-planner',
      '    Reading protocol...',
      '    [DONE] 28s',
      'Hey @\u200Bchannel <img src=x onerror=alert(1)> **bold**',
      '[DONE] 53s | 12.4k tokens',
    ]);
    // Agent text stays text: no element came from it.
    expect(container.querySelector('img, script, strong, a')).toBeNull();
    const ok = [...container.querySelectorAll<HTMLElement>('.ls-ok')].find((s) => s.textContent === ' [OK]');
    expect(ok?.style.color).toBe('rgb(61, 184, 135)');
  });

  it('shows nothing broken for forged props: the validator reports instead', () => {
    expect(validateProps({ v: 1, L: 'nope' })).toMatchObject({ ok: false });
  });
});
