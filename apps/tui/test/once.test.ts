// `livestatus --once` as a script would run it: the real built binary over real OpenClaw state
// copied into a temp directory, both storage eras.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderText } from '@livestatus/render/text';
import {
  createLabeler,
  createSessionSource,
  createTracker,
  type ReplayScenario,
} from '@livestatus/transcript';
import { afterAll, describe, expect, it } from 'vitest';
import { runBinary } from './support/binary.ts';
import { copyFixtureState, fingerprint, tempDir } from './support/state-dir.ts';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

/** The boxes the daemon's text host would draw for the same state, built in-process. */
async function expectedBoxes(stateDir: string): Promise<Map<string, string>> {
  const source = createSessionSource({
    stateDir,
    recentWindowMs: Number.MAX_SAFE_INTEGER,
    rescanIntervalMs: 0,
  });
  const tracker = createTracker({ labeler: createLabeler() });
  source.onChange((c) => tracker.apply(c));
  await source.start();
  await source.close();
  const boxes = new Map<string, string>();
  for (const s of tracker.sessions()) {
    if (s.view && !s.nested) boxes.set(s.key, renderText(s.view, { now: Date.now() }).trimEnd());
  }
  return boxes;
}

const fixtures: ReplayScenario[] = [
  'v2026.7.35-gateway',
  'v2026.7.35-local-basic',
  'v2026.7.35-local-probe',
  'v2026.9.6-sqlite-local-basic',
  'v2026.9.6-sqlite-gateway-subagent',
];

describe('livestatus --once', () => {
  for (const fixture of fixtures) {
    it(`${fixture}: prints the list and every session's box as the text host draws it, touching nothing`, async () => {
      const { dir, cleanup } = await tempDir();
      cleanups.push(cleanup);
      await copyFixtureState(fixture, dir);
      const before = await fingerprint(dir);

      const r = runBinary(['--once', '--state-dir', dir]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);

      const boxes = await expectedBoxes(dir);
      expect(boxes.size).toBeGreaterThan(0);
      expect(r.stdout).toMatch(new RegExp(`^${boxes.size} sessions?\\n`));
      for (const [key, box] of boxes) {
        expect(r.stdout).toContain(`── ${key}\n`);
        // Finished boxes do not depend on the clock: they must match exactly.
        if (!box.startsWith('[ACTIVE]')) expect(r.stdout).toContain(box);
      }
      expect(await fingerprint(dir)).toEqual(before);
    });
  }

  it('the gateway run: the provider error is ERROR, the rest DONE, with tokens and cost; the finished sub-agent has its own row', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await copyFixtureState('v2026.7.35-gateway', dir);
    const r = runBinary(['--once', '--state-dir', dir]);
    expect(r.status).toBe(0);
    const list = r.stdout.split('\n\n')[0] ?? '';
    expect(list.split('\n')[0]).toBe('5 sessions');
    expect(list).toMatch(/^ERROR\s+main\s+explicit/m);
    expect(list).toMatch(/^DONE\s+lister\s.*2k tokens\s+\$0\.0045$/m);
    expect(r.stdout).toContain('500 fake upstream failure (scripted)');
    expect(r.stdout).toContain('[session compacted - continuing]');
  });

  it('finds the state directory through OPENCLAW_STATE_DIR and OPENCLAW_HOME', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await copyFixtureState('v2026.7.35-local-probe', `${dir}/.openclaw`);
    const viaHome = runBinary(['--once'], { OPENCLAW_HOME: dir, OPENCLAW_STATE_DIR: '' });
    expect(viaHome.status).toBe(0);
    expect(viaHome.stdout).toContain('── agent:main:explicit:probe-1');
    const viaStateDir = runBinary(['--once'], { OPENCLAW_STATE_DIR: `${dir}/.openclaw` });
    expect(viaStateDir.stdout).toContain('── agent:main:explicit:probe-1');
  });

  it('with no OpenClaw it says where it looked and how to point elsewhere, and exits non-zero', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const r = runBinary(['--once', '--state-dir', `${dir}/nothing-here`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${dir}/nothing-here`);
    expect(r.stderr).toContain('--state-dir');
    expect(r.stderr).toContain('OPENCLAW_STATE_DIR');
    // The live view says the same before it ever touches the terminal.
    const live = runBinary(['--state-dir', `${dir}/nothing-here`]);
    expect(live.status).toBe(1);
    expect(live.stderr).toContain(
      `no OpenClaw state directory at ${dir}/nothing-here (given with --state-dir)`,
    );
  });

  it('damaged OpenClaw files are warnings, never a crash: the readable sessions still print', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await copyFixtureState('v2026.7.35-local-probe', dir);
    await mkdir(path.join(dir, 'agents/broken/agent'), { recursive: true });
    await writeFile(path.join(dir, 'agents/broken/agent/openclaw-agent.sqlite'), 'not a database');
    await mkdir(path.join(dir, 'agents/torn/sessions'), { recursive: true });
    await writeFile(
      path.join(dir, 'agents/torn/sessions/sessions.json'),
      '{"agent:torn:main": {"sessionId":',
    );
    await appendFile(
      path.join(dir, 'agents/main/sessions/probe-1.jsonl'),
      '{garbage\n\u001b[2J{"type":"message","message":{"role":"assistant","content":"\u001b]0;pwned\u0007"}}\n',
    );
    const r = runBinary(['--once', '--state-dir', dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('── agent:main:explicit:probe-1');
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stderr).toMatch(/warning: .*not a database/);
    expect(r.stderr).toMatch(/warning: .*sessions\.json/);
  });

  it('bad arguments get every problem and the usage, exit 2', () => {
    const r = runBinary(['--frobnicate', '--state-dir']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown argument "--frobnicate"');
    expect(r.stderr).toContain('--state-dir needs a directory');
    expect(r.stderr).toContain('Usage: livestatus');
  });

  it('the live view refuses to start without a terminal and points to --once', async () => {
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    await copyFixtureState('v2026.7.35-local-probe', dir);
    const r = runBinary(['--state-dir', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--once');
  });
});
