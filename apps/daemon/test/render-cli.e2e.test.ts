// `livestatus-daemon render` as users run it: the built bin on a temp copy of a real OpenClaw
// fixture, found by session key, session id or transcript path, with no Mattermost settings.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixturesDir } from '@livestatus/transcript';
import { beforeAll, describe, expect, it } from 'vitest';
import { daemonBin, ensureBuilt, runCli } from './support/cli-process.ts';

const KEY = 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue:thread:8z1yq3mhsfn5pcd7e4u9wqx2ka';
const SESSION_ID = '91a91807-da8d-4e09-8cac-722a3462075f';

let stateDir: string;
let env: Record<string, string>;
beforeAll(() => {
  ensureBuilt();
  stateDir = mkdtempSync(path.join(tmpdir(), 'ls-render-oc-'));
  cpSync(path.join(fixturesDir, 'v2026.7.35-local-basic'), stateDir, { recursive: true });
  // Only what a shell would have: no MM_* (render must not need them), a HOME of its own.
  env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: mkdtempSync(path.join(tmpdir(), 'ls-render-home-')),
  };
}, 60_000);

/** runCli merges process.env: blank out anything a developer's shell might carry. */
const render = (args: string[]) =>
  runCli(daemonBin, ['render', ...args], { ...env, MM_URL: '', MM_TOKEN: '', OPENCLAW_STATE_DIR: '' });

function expectSeedBox(out: string) {
  const lines = out.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^\[DONE\] main\b/);
  expect(out).toContain('  exec: ls -la /home/node/workdir [OK]\n');
  expect(out).toContain('  exec: cat /nonexistent/file.txt [ERR]\n');
  expect(lines.at(-1)).toMatch(/^\[DONE\] .*\| 8\.5k tokens\b/);
}

describe('livestatus-daemon render (built CLI)', () => {
  it('renders the box of a session given by its key', async () => {
    const r = await render([KEY, '--state-dir', stateDir]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectSeedBox(r.stdout);
  });

  it('renders the same box given the session id', async () => {
    const byKey = await render([KEY, '--state-dir', stateDir]);
    const byId = await render([SESSION_ID, '--state-dir', stateDir]);
    expect(byId.status).toBe(0);
    expectSeedBox(byId.stdout);
    expect(byId.stdout).toBe(byKey.stdout);
  });

  it('renders a transcript file given by path', async () => {
    const file = path.join(
      stateDir,
      'agents/main/sessions',
      `${SESSION_ID}-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl`,
    );
    const r = await render([file]);
    expect(r.status).toBe(0);
    expectSeedBox(r.stdout);
  });

  it('--json prints the SessionView', async () => {
    const r = await render([KEY, '--state-dir', stateDir, '--json']);
    expect(r.status).toBe(0);
    const v = JSON.parse(r.stdout) as { key: string; sessionId: string; state: string; tokens: number };
    expect(v).toMatchObject({ key: KEY, sessionId: SESSION_ID, state: 'done' });
    expect(v.tokens).toBeGreaterThan(8000);
  });

  it('an unknown session: a clear error listing the known ones, exit 1', async () => {
    const r = await render(['agent:main:nope', '--state-dir', stateDir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`no session "agent:main:nope" under ${stateDir}`);
    expect(r.stderr).toContain(KEY);
  });
});
