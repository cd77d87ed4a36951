import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { activeView, seedView, T0 } from '../testing/views.ts';
import { renderText } from '../text/render-text.ts';
import { InkStatusBox } from './ink-status-box.tsx';

const ANSI = /\u001b\[[0-9;]*m/g;

function frame(node: React.ReactElement): string {
  const { lastFrame, unmount } = render(node);
  const out = lastFrame() ?? '';
  unmount();
  return out;
}

describe('InkStatusBox', () => {
  it('draws the same box as the text host, line for line', () => {
    for (const [view, now] of [
      [seedView(), T0 + 60_000],
      [activeView(), T0 + 158_000],
    ] as const) {
      const out = frame(<InkStatusBox view={view} options={{ now }} />)
        .replace(ANSI, '')
        .split('\n')
        .map((l) => l.trimEnd())
        .join('\n');
      expect(out).toBe(renderText(view, { now }));
    }
  });

  it('colours results: [OK] green, [ERR] red (FORCE_COLOR is set in vitest.config.ts)', () => {
    const out = frame(<InkStatusBox view={activeView()} options={{ now: T0 }} />);
    expect(out).toMatch(/\u001b\[31m \[ERR\]/);
    const done = frame(<InkStatusBox view={seedView()} options={{ now: T0 }} />);
    expect(done).toMatch(/\u001b\[32m \[OK\]/);
  });

  it('cuts a long line at the terminal width instead of wrapping it', () => {
    const view = seedView();
    const first = view.lines[0];
    if (first?.kind === 'text') first.text = 'word '.repeat(60);
    const out = frame(<InkStatusBox view={view} options={{ now: T0 }} />).replace(ANSI, '');
    expect(out.split('\n')).toHaveLength(renderText(view, { now: T0 }).split('\n').length);
  });
});
