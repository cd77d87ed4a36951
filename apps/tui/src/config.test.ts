import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, noOpenClawMessage } from './config.ts';

const home = '/home/someone';

describe('tui config', () => {
  it('defaults to a live view of ~/.openclaw', () => {
    expect(loadConfig([], {}, home)).toEqual({
      ok: true,
      config: { mode: 'live', stateDir: path.resolve(home, '.openclaw'), stateDirFrom: 'home' },
    });
  });

  it('finds the state dir as OpenClaw does: OPENCLAW_STATE_DIR, then $OPENCLAW_HOME/.openclaw', () => {
    const both = loadConfig([], { OPENCLAW_STATE_DIR: '/srv/oc', OPENCLAW_HOME: '/opt/h' }, home);
    expect(both.ok && both.config).toMatchObject({ stateDir: '/srv/oc', stateDirFrom: 'OPENCLAW_STATE_DIR' });
    const onlyHome = loadConfig([], { OPENCLAW_HOME: '/opt/h' }, home);
    expect(onlyHome.ok && onlyHome.config).toMatchObject({
      stateDir: '/opt/h/.openclaw',
      stateDirFrom: 'OPENCLAW_HOME',
    });
  });

  it('--state-dir wins over the environment, in both spellings', () => {
    const env = { OPENCLAW_STATE_DIR: '/srv/oc' };
    for (const argv of [['--state-dir', '/tmp/x'], ['--state-dir=/tmp/x']]) {
      const r = loadConfig(argv, env, home);
      expect(r.ok && r.config).toMatchObject({ stateDir: '/tmp/x', stateDirFrom: '--state-dir' });
    }
  });

  it('selects --once, --demo and --help', () => {
    expect(loadConfig(['--once'], {}, home)).toMatchObject({ ok: true, config: { mode: 'once' } });
    expect(loadConfig(['--demo'], {}, home)).toMatchObject({ ok: true, config: { mode: 'demo' } });
    expect(loadConfig(['-h'], {}, home)).toMatchObject({ ok: true, config: { mode: 'help' } });
  });

  it('reports every problem together', () => {
    const r = loadConfig(['--bogus', '--once', '--demo', '--state-dir'], {}, home);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(3);
      expect(r.problems.join('\n')).toMatch(/unknown argument "--bogus"/);
      expect(r.problems.join('\n')).toMatch(/--state-dir needs a directory/);
      expect(r.problems.join('\n')).toMatch(/cannot be combined/);
    }
  });

  it('does not take the next flag as the state directory', () => {
    const r = loadConfig(['--state-dir', '--once'], {}, home);
    expect(r.ok).toBe(false);
  });

  it('the "no OpenClaw" message says where it looked and how to point elsewhere', () => {
    const r = loadConfig([], { OPENCLAW_HOME: '/opt/h' }, home);
    if (!r.ok) throw new Error('config');
    const msg = noOpenClawMessage(r.config);
    expect(msg).toContain('/opt/h/.openclaw');
    expect(msg).toContain('OPENCLAW_HOME');
    expect(msg).toContain('--state-dir');
    expect(msg).toContain('OPENCLAW_STATE_DIR');
    expect(msg).toContain('--demo');
  });
});
