// Deployment artefacts as a person would use them: install.sh in a temp HOME (twice: idempotent),
// the installed hook starting the daemon, and the Dockerfile/systemd unit checked statically
// (no container engine runs on these machines).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');
const node = path.join(repo, 'node_modules/.bin/node');

describe('install.sh', () => {
  it('installs the hook into the OpenClaw state dir of a fresh HOME, idempotently', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ls-home-'));
    const env = {
      ...process.env,
      HOME: home,
      LIVESTATUS_SKIP_NPM: '1',
      OPENCLAW_STATE_DIR: '',
      OPENCLAW_HOME: '',
    };
    for (let i = 0; i < 2; i++) {
      const r = spawnSync('bash', [path.join(repo, 'install.sh')], { env, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    const dest = path.join(home, '.openclaw/hooks/status-watcher-hook');
    expect(readFileSync(path.join(dest, 'HOOK.md'), 'utf8')).toMatch(/events":\["gateway:startup"\]/);
    expect(existsSync(path.join(dest, 'handler.js'))).toBe(true);
    const install = JSON.parse(readFileSync(path.join(dest, 'install.json'), 'utf8'));
    expect(install.daemonBin).toBe(path.join(repo, 'apps/daemon/bin/livestatus-daemon.mjs'));
    expect(existsSync(install.node)).toBe(true);
  });

  it('follows OPENCLAW_HOME the way OpenClaw does', () => {
    const home = mkdtempSync(path.join(tmpdir(), 'ls-home-'));
    const ocHome = mkdtempSync(path.join(tmpdir(), 'ls-ochome-'));
    const r = spawnSync('bash', [path.join(repo, 'install.sh')], {
      env: {
        ...process.env,
        HOME: home,
        OPENCLAW_HOME: ocHome,
        OPENCLAW_STATE_DIR: '',
        LIVESTATUS_SKIP_NPM: '1',
      },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(existsSync(path.join(ocHome, '.openclaw/hooks/status-watcher-hook/handler.js'))).toBe(true);
  });
});

describe('gateway:startup hook', () => {
  it('has the frontmatter OpenClaw reads', () => {
    const md = readFileSync(path.join(repo, 'hooks/status-watcher-hook/HOOK.md'), 'utf8');
    const front = md.split('---')[1] ?? '';
    expect(front).toMatch(/^name: status-watcher-hook$/m);
    expect(front).toMatch(/^description: .+/m);
    const meta = JSON.parse(front.match(/^metadata: (.+)$/m)?.[1] ?? '{}');
    expect(meta.openclaw.events).toEqual(['gateway:startup']);
  });

  it('does not start a second daemon when the PID file shows one running', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-hook-'));
    const pidFile = path.join(dir, 'd.pid');
    writeFileSync(pidFile, `${process.pid}\n`);
    const { ensureDaemon } = await import(path.join(repo, 'hooks/status-watcher-hook/handler.js'));
    expect(ensureDaemon({ env: { PID_FILE: pidFile }, daemonBin: '/nonexistent' })).toEqual({
      started: false,
      reason: 'running',
    });
  });

  it('spawns the daemon detached when the PID file is stale', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-hook-'));
    const pidFile = path.join(dir, 'd.pid');
    writeFileSync(pidFile, '999999\n');
    // A stand-in daemon script that records its argv, so the test needs no Mattermost.
    const fakeBin = path.join(dir, 'daemon.mjs');
    writeFileSync(
      fakeBin,
      `import {writeFileSync} from 'node:fs'; writeFileSync(${JSON.stringify(path.join(dir, 'ran'))}, process.argv.slice(2).join(' '));`,
    );
    const { ensureDaemon } = await import(path.join(repo, 'hooks/status-watcher-hook/handler.js'));
    const r = ensureDaemon({ env: { PID_FILE: pidFile, STATE_DIR: dir }, daemonBin: fakeBin, node });
    expect(r.started).toBe(true);
    for (let i = 0; i < 50 && !existsSync(path.join(dir, 'ran')); i++)
      await new Promise((res) => setTimeout(res, 100));
    expect(readFileSync(path.join(dir, 'ran'), 'utf8')).toBe('run');
  });
});

describe('deploy/', () => {
  it('Dockerfile: Node 24, non-root, health check, builds the daemon', () => {
    const df = readFileSync(path.join(repo, 'deploy/Dockerfile'), 'utf8');
    const froms = [...df.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(0);
    for (const f of froms) expect(f).toMatch(/^node:24\b/);
    expect(df).toMatch(/^USER node$/m);
    expect(df).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
    expect(df).toMatch(/npm run build -w apps\/daemon/);
    expect(df).toMatch(/HEALTH_HOST=0\.0\.0\.0/);
    expect(df).toMatch(/^ENTRYPOINT \["node", "apps\/daemon\/bin\/livestatus-daemon\.mjs"\]$/m);
    // Only the placeholder of the usage comment: no token is ever baked into the image.
    expect(df).not.toMatch(/MM_TOKEN=(?!\.\.\.)\S/);
  });

  it('systemd unit: EnvironmentFile, graceful SIGTERM, runs the daemon in the foreground', () => {
    const unit = readFileSync(path.join(repo, 'deploy/status-watcher.service'), 'utf8');
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/status-watcher\.env$/m);
    expect(unit).toMatch(/^ExecStart=.*livestatus-daemon\.mjs run$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(unit).toMatch(/^\[Install\]\nWantedBy=multi-user\.target/m);
  });
});
