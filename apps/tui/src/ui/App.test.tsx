import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { makeItem, textLine, toolLine } from '../../test/support/items.ts';
import { manualFeed } from '../../test/support/manual-feed.ts';
import { App } from './App.tsx';

const NOW = 2_000_000;
const sessions = [
  makeItem({
    key: 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3',
    label: 'builder',
    state: 'active',
    startedAt: NOW - 38_000,
    lastActivityAt: NOW - 1000,
    tokens: 12_400,
    lines: [
      textLine('t1', 'Reading live-status source code...'),
      toolLine('c1', 'exec: ls /agents/sessions', 'ok'),
      toolLine('c2', 'exec: npm test', 'pending'),
    ],
  }),
  makeItem({
    key: 'agent:main:explicit:probe-1',
    label: 'prober',
    state: 'done',
    startedAt: NOW - 600_000,
    endedAt: NOW - 547_000,
    lastActivityAt: NOW - 547_000,
    tokens: 850,
    cost: 0.0042,
    lines: [textLine('t2', 'Probe complete.')],
  }),
  makeItem({
    key: 'agent:main:explicit:error-case',
    label: 'crasher',
    state: 'error',
    startedAt: NOW - 900_000,
    endedAt: NOW - 890_000,
    lastActivityAt: NOW - 890_000,
  }),
];

const size = { columns: 80, rows: 24 };
const tick = () => new Promise((r) => setTimeout(r, 20));
const ARROW_DOWN = '\u001b[B';
const ENTER = '\r';
const ESC = '\u001b';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function show(items = sessions) {
  const feed = manualFeed(items, NOW);
  const app = render(<App feed={feed} title="/home/me/.openclaw" size={size} />);
  unmount = app.unmount;
  return { ...app, feed, screen: () => app.lastFrame() ?? '' };
}

function selectedLine(screen: string): string {
  return screen.split('\n').find((l) => l.startsWith('›')) ?? '';
}

describe('App: the session list', () => {
  it('lists running sessions first with status, elapsed, tokens and cost, and a help bar', () => {
    const { screen } = show();
    const lines = screen().split('\n');
    expect(lines[0]).toContain('3 sessions · 1 active');
    const rows = lines.slice(1, 4);
    expect(rows[0]).toMatch(/ACTIVE\s+builder\s+#4xk9pq7w\s+38s\s+12\.4k tokens/);
    expect(rows[1]).toMatch(/DONE\s+prober\s+explicit\s+53s\s+850 tokens\s+\$0\.0042/);
    expect(rows[2]).toMatch(/ERROR\s+crasher/);
    expect(lines.at(-1)).toMatch(/↑↓\/jk select.*q quit/);
  });

  it("shows the selected session's status box below the list", () => {
    const { screen } = show();
    expect(screen()).toContain('[ACTIVE] builder');
    expect(screen()).toContain('Reading live-status source code...');
    expect(screen()).toContain('exec: ls /agents/sessions [OK]');
  });

  it('in a narrow terminal drops origin and cost rather than wrapping', () => {
    const feed = manualFeed(sessions, NOW);
    const app = render(<App feed={feed} title="t" size={{ columns: 60, rows: 20 }} />);
    unmount = app.unmount;
    const lines = (app.lastFrame() ?? '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(60);
    expect(lines[1]).toMatch(/ACTIVE\s+builder\s+38s\s+12\.4k tokens/);
    expect(lines[2]).not.toContain('$0.0042');
  });

  it('fits an 80×24 terminal: no line wider than 80, no more than 24 lines', () => {
    const { screen } = show();
    const lines = screen().split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);
  });
});

describe('App: navigation', () => {
  it('j/k and the arrows move the selection and the box follows it', async () => {
    const { stdin, screen } = show();
    expect(selectedLine(screen())).toContain('builder');
    stdin.write('j');
    await tick();
    expect(selectedLine(screen())).toContain('prober');
    expect(screen()).toContain('[DONE] prober');
    stdin.write(ARROW_DOWN);
    await tick();
    expect(selectedLine(screen())).toContain('crasher');
    stdin.write('k');
    await tick();
    expect(selectedLine(screen())).toContain('prober');
  });

  it('Enter opens the full view without the list; Esc goes back', async () => {
    const { stdin, screen } = show();
    stdin.write(ENTER);
    await tick();
    expect(screen()).not.toContain('prober');
    expect(screen()).toContain('[ACTIVE] builder');
    stdin.write(ESC);
    await tick();
    expect(screen()).toContain('prober');
  });
});

describe('App: long lists', () => {
  it('renders only the rows that fit and scrolls to keep the selection visible', async () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      makeItem({
        key: `k${String(i).padStart(2, '0')}`,
        label: `session-${i}`,
        state: 'done',
        lastActivityAt: 1000 - i,
      }),
    );
    const { stdin, screen } = show(many);
    const rowsShown = () =>
      screen()
        .split('\n')
        .filter((l) => /session-\d+/.test(l) && /DONE\s/.test(l));
    expect(rowsShown()).toHaveLength(8);
    stdin.write('j'.repeat(12));
    await tick();
    expect(selectedLine(screen())).toContain('session-12');
    expect(rowsShown()).toHaveLength(8);
    expect(screen()).not.toContain('session-0 ');
    expect(screen().split('\n').length).toBeLessThanOrEqual(24);
  });
});

describe('App: filter', () => {
  it('/ then text narrows the list; Enter keeps the filter, Esc in the filter clears it', async () => {
    const { stdin, screen } = show();
    stdin.write('/');
    await tick();
    stdin.write('crash');
    await tick();
    expect(screen()).toContain('/crash');
    expect(screen()).toContain('crasher');
    expect(screen()).not.toContain('builder');
    expect(screen()).toContain('1 shown');
    stdin.write(ENTER);
    await tick();
    stdin.write('j'); // a command again, not filter text
    await tick();
    expect(screen()).toContain('/crash');
    stdin.write('/');
    await tick();
    stdin.write(ESC);
    await tick();
    expect(screen()).toContain('builder');
    expect(screen()).not.toContain('/crash');
  });

  it('says so when nothing matches', async () => {
    const { stdin, screen } = show();
    stdin.write('/');
    stdin.write('zzz');
    await tick();
    expect(screen()).toContain('No session matches "zzz"');
  });
});

describe('App: live updates', () => {
  it('a new line of the selected session appears, and activity elsewhere marks its row', async () => {
    const { feed, screen } = show();
    const [builder, prober, crasher] = sessions;
    const grown = makeItem({
      key: builder!.key,
      label: 'builder',
      startedAt: NOW - 38_000,
      lastActivityAt: NOW + 1000,
      tokens: 12_400,
      lines: [...builder!.view.lines, textLine('t3', 'Writing new implementation...', NOW + 1000)],
    });
    const proberAgain = makeItem({
      key: prober!.key,
      label: 'prober',
      state: 'active',
      startedAt: NOW,
      lastActivityAt: NOW + 500,
    });
    feed.push([grown, proberAgain, crasher!], NOW + 2000);
    await tick();
    expect(screen()).toContain('Writing new implementation...');
    expect(screen()).toContain('40s'); // elapsed follows the snapshot clock
    const proberRow =
      screen()
        .split('\n')
        .find((l) => l.includes('prober')) ?? '';
    expect(proberRow.startsWith('●')).toBe(true);
  });
});

describe('App: expand and collapse', () => {
  const child = {
    key: 'agent:main:subagent:c1',
    label: 'planner',
    state: 'active' as const,
    startedAt: NOW - 5000,
    lines: [textLine('s1', 'Reading protocol...')],
    tokens: 0,
  };
  const parent = makeItem({
    key: 'agent:main:main',
    label: 'main',
    state: 'active',
    startedAt: NOW - 10_000,
    lastActivityAt: NOW,
    lines: [
      toolLine('x1', 'exec: false', 'error', NOW, { detail: 'exit 1' }),
      toolLine('sp', 'spawn planner', 'ok', NOW, {
        tool: 'sessions_spawn',
        childKey: child.key,
        subagent: child,
      }),
    ],
  });

  it('s collapses sub-agents to one line and expands them again', async () => {
    const { stdin, screen } = show([parent]);
    expect(screen()).toMatch(/^ {2}Sub-agent: planner$/m);
    expect(screen()).toContain('Reading protocol...');
    stdin.write('s');
    await tick();
    expect(screen()).toMatch(/Sub-agent: planner \[ACTIVE\] 5s/);
    expect(screen()).not.toContain('Reading protocol...');
    stdin.write('s');
    await tick();
    expect(screen()).toContain('Reading protocol...');
  });

  it('t shows tool details and hides them again', async () => {
    const { stdin, screen } = show([parent]);
    expect(screen()).not.toContain('exit 1');
    stdin.write('t');
    await tick();
    expect(screen()).toContain('exit 1');
    stdin.write('t');
    await tick();
    expect(screen()).not.toContain('exit 1');
  });
});

describe('App: follow', () => {
  it('f keeps the most recently active session selected as activity moves', async () => {
    const { stdin, feed, screen } = show();
    stdin.write('j');
    stdin.write('j');
    await tick();
    expect(selectedLine(screen())).toContain('crasher');
    stdin.write('f');
    await tick();
    expect(screen()).toContain('following');
    expect(selectedLine(screen())).toContain('builder');
    const proberNow = makeItem({
      key: sessions[1]!.key,
      label: 'prober',
      state: 'active',
      startedAt: NOW,
      lastActivityAt: NOW + 5000,
    });
    feed.push([sessions[0]!, proberNow, sessions[2]!], NOW + 5000);
    await tick();
    expect(selectedLine(screen())).toContain('prober');
  });
});

describe('App: problems', () => {
  it("shows the source's latest problem in the header, on one line", async () => {
    const feed = manualFeed(sessions, NOW);
    const app = render(<App feed={feed} title="t" size={size} />);
    unmount = app.unmount;
    feed.push(sessions, NOW, 'session registry unreadable,\nkeeping the last good version');
    await tick();
    expect(app.lastFrame()?.split('\n')[0]).toContain('session registry unreadable, keeping the last');
  });
});

describe('App: quitting', () => {
  it('q exits the app', async () => {
    const feed = manualFeed(sessions, NOW);
    const app = render(<App feed={feed} title="t" size={size} />);
    unmount = app.unmount;
    let exited = false;
    // ink-testing-library's instance has no waitUntilExit; an exit unmounts, which stops output.
    const framesBefore = app.frames.length;
    app.stdin.write('q');
    await tick();
    feed.push(sessions.slice(0, 1), NOW + 1000);
    await tick();
    exited = app.frames.length === framesBefore || !(app.lastFrame() ?? '').includes('1 session');
    expect(exited).toBe(true);
  });
});
