// The real built binary in a real terminal (tmux, 80×24), driven by keys as a person would.
import { readdir } from 'node:fs/promises';
import { replayFixture } from '@livestatus/transcript';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { binPath, nodePath } from './support/binary.ts';
import { copyFixtureState, emptyJsonlOpenClaw, fingerprint, tempDir } from './support/state-dir.ts';
import { requireTmuxOrSkip, TmuxSession } from './support/tmux.ts';

const haveTmux = requireTmuxOrSkip();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tui(args: string[], env: Record<string, string> = {}, width = 80, height = 24): TmuxSession {
  const t = new TmuxSession();
  cleanups.push(() => t.kill());
  t.start([nodePath, binPath, ...args].map((a) => `'${a}'`).join(' '), width, height, env);
  return t;
}

/** The row the selection marker is on. */
function selectedRow(screen: string): string {
  return screen.split('\n').find((l) => l.startsWith('›')) ?? '';
}

describe.runIf(haveTmux)('livestatus in a terminal', { timeout: 60_000 }, () => {
  it('follows a replayed gateway run live: sessions reach DONE/ERROR, j/k move, / filters, q quits', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await emptyJsonlOpenClaw(dir);
    const t = tui(['--state-dir', dir]);
    await t.waitFor('the empty live view', (s) => s.includes('No sessions yet') && s.includes('q quit'));

    await replayFixture({
      fixture: 'v2026.7.35-gateway',
      stateDir: dir,
      retime: true,
      speed: 20,
      maxGapMs: 100,
    });

    const done = await t.waitFor('five finished sessions', (s) => /5 sessions · 0 active/.test(s), 30_000);
    expect(done).toMatch(/^.\s?ERROR\s+main\s+explicit/m);
    expect(done).toMatch(/^.\s?DONE\s+main\s+dm\s.*91k tokens\s+\$0\.2738$/m);
    expect(done).toMatch(/^.\s?DONE\s+main\s+#4xk9pq7w thread\s+6s\s+3\.3k tokens/m);
    expect(done).toMatch(/^.\s?DONE\s+lister\s.*2k tokens\s+\$0\.0045$/m);
    const lines = done.replace(/\n$/, '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(80);

    // Up to the first row (a held key arrives as one chunk), then down and back.
    t.send('kkkkk', true);
    const top = await t.waitFor(
      'the selection on the first row',
      (s) => s.split('\n')[1]?.startsWith('›') === true,
    );
    const first = selectedRow(top);
    t.send('j');
    const moved = await t.waitFor('selection to move down', (s) => selectedRow(s) !== first);
    const second = selectedRow(moved);
    expect(moved.split('\n')[2]?.startsWith('›')).toBe(true);
    t.send('k');
    await t.waitFor('selection to move back up', (s) => selectedRow(s) === first);
    t.send('Down');
    await t.waitFor('arrow down to move like j', (s) => selectedRow(s) === second);

    t.send('/');
    t.send('error-case', true);
    const filtered = await t.waitFor('the filter to narrow the list', (s) => s.includes('1 shown'));
    expect(filtered).toContain('/error-case');
    // The provider's HTTP 500 ended the turn as an error even though the registry said running.
    expect(filtered).toMatch(/^\[ERROR\] main \| \d+s/m);
    expect(filtered).toContain('500 fake upstream failure (scripted)');
    t.send('Escape');
    await t.waitFor('the filter to clear', (s) => !s.includes('shown') && !s.includes('/error-case'));

    t.send('q');
    await t.waitFor('the program to exit 0', (s) => s.includes('[exited 0]'));
  });

  it('shows a running sub-agent inside its parent box live; s collapses it, Enter opens the full view', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const t = tui(['--state-dir', dir]);
    await t.waitFor('the empty live view', (s) => s.includes('q quit'));
    const stop = new AbortController();
    // Real pacing (capped gaps): the parent's spawning turn stays live while its child runs.
    const replay = replayFixture({
      fixture: 'v2026.9.6-sqlite-gateway-subagent',
      stateDir: dir,
      retime: true,
      speed: 1,
      maxGapMs: 1500,
      signal: stop.signal,
    }).catch(() => undefined);
    cleanups.push(async () => {
      stop.abort();
      await replay;
    });
    const live = await t.waitFor(
      'the parent box with its sub-agent',
      (s) => /^ {2}Sub-agent: lister$/m.test(s),
      30_000,
    );
    expect(live).toMatch(/\[ACTIVE\] main/);
    t.send('s');
    await t.waitFor('the sub-agent collapsed to one line', (s) =>
      /Sub-agent: lister \[(ACTIVE|DONE)\]/.test(s),
    );
    t.send('s');
    await t.waitFor(
      'the sub-agent expanded again',
      (s) => /^ {2}Sub-agent: lister$/m.test(s) || !s.includes('Sub-agent'),
    );
    t.send('Enter');
    await t.waitFor('the full view (no list separator)', (s) => !s.includes('─'.repeat(40)));
    t.send('Escape');
    await t.waitFor('back to the list', (s) => s.includes('─'.repeat(40)));
    await replay;
    await t.waitFor('both sessions finished', (s) => /2 sessions · 0 active/.test(s), 30_000);
    t.send('q');
    await t.waitFor('exit', (s) => s.includes('[exited 0]'));
  });

  it('never writes to the OpenClaw state it watches (both eras), resizes cleanly', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    // JSONL era: a run replayed just now (recent, so the live view follows it); SQLite era: a
    // real database as OpenClaw left it, for a second agent (listed only while its run is recent,
    // but opened and read either way).
    await replayFixture({
      fixture: 'v2026.7.35-local-probe',
      stateDir: dir,
      retime: true,
      speed: Number.POSITIVE_INFINITY,
    });
    await copyFixtureState('v2026.9.6-sqlite-local-basic', dir, 'sq');
    const before = await fingerprint(dir);
    const t = tui(['--state-dir', dir]);
    await t.waitFor('the sessions', (s) => /[12] sessions? ·/.test(s) && s.includes('explicit'));
    t.send('j');
    t.send('t');
    t.send('Enter');
    t.resize(120, 40);
    const wide = await t.waitFor(
      'a redraw at 120×40',
      (s) => s.split('\n').length >= 40 && s.includes('q quit'),
    );
    expect(wide.split('\n')[0]).toMatch(/^livestatus/);
    t.resize(80, 24);
    const narrow = await t.waitFor('a clean redraw at 80×24', (s) => {
      const rows = s.split('\n');
      return rows[0]?.startsWith('livestatus') === true && rows.some((r) => r.includes('q quit'));
    });
    for (const l of narrow.replace(/\n$/, '').split('\n')) expect([...l].length).toBeLessThanOrEqual(80);
    t.send('q');
    await t.waitFor('exit', (s) => s.includes('[exited 0]'));
    expect(await fingerprint(dir)).toEqual(before);
  });

  it('--demo replays real sessions live with no OpenClaw around and removes its temp state on exit', async () => {
    const { dir: tmp, cleanup } = await tempDir('livestatus-demo-tmp-');
    cleanups.push(cleanup);
    const t = tui(['--demo'], { TMPDIR: tmp, HOME: tmp, OPENCLAW_STATE_DIR: `${tmp}/none` });
    await t.waitFor('a demo session to finish', (s) => /\[DONE\]/.test(s) || /^\S?\s*DONE/m.test(s), 60_000);
    expect((await readdir(tmp)).some((n) => n.startsWith('livestatus-demo-'))).toBe(true);
    t.send('q');
    await t.waitFor('exit', (s) => s.includes('[exited 0]'));
    expect((await readdir(tmp)).filter((n) => n.startsWith('livestatus-demo-'))).toEqual([]);
  });

  it('--demo killed with SIGTERM still removes its temp state and restores the terminal', async () => {
    const { dir: tmp, cleanup } = await tempDir('livestatus-demo-tmp-');
    cleanups.push(cleanup);
    const t = tui(['--demo'], { TMPDIR: tmp, HOME: tmp, OPENCLAW_STATE_DIR: `${tmp}/none` });
    await t.waitFor('the demo running', (s) => /[1-9] sessions? ·/.test(s), 30_000);
    expect((await readdir(tmp)).some((n) => n.startsWith('livestatus-demo-'))).toBe(true);
    process.kill(t.programPid(), 'SIGTERM');
    const after = await t.waitFor('the program to exit', (s) => s.includes('[exited 143]'));
    expect(after).not.toContain('q quit'); // the alternate screen was left
    expect((await readdir(tmp)).filter((n) => n.startsWith('livestatus-demo-'))).toEqual([]);
  });
});
