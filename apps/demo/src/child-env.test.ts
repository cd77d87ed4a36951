import { DEFAULT_IDS } from '@livestatus/mm-dev-server';
import { describe, expect, it } from 'vitest';
import { baseEnv, daemonEnv } from './child-env.ts';

const userEnv = {
  PATH: '/usr/bin',
  TERM: 'xterm-256color',
  LANG: 'C.UTF-8',
  HOME: '/home/newcomer',
  MM_URL: 'https://chat.example.com',
  MM_TOKEN: 'real-secret',
  TRANSCRIPT_DIR: '/home/newcomer/.openclaw/agents/main/sessions',
  OPENCLAW_HOME: '/home/newcomer',
};

describe('child environment', () => {
  it('keeps terminal settings, drops the user Mattermost and OpenClaw settings, homes in the temp dir', () => {
    expect(baseEnv(userEnv, '/tmp/demo-x')).toEqual({
      PATH: '/usr/bin',
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      HOME: '/tmp/demo-x/home',
    });
  });

  it('points the daemon at the demo server, its seeded bot and channel, with state inside the temp dir', () => {
    const env = daemonEnv(userEnv, {
      mmUrl: 'http://127.0.0.1:4000',
      openclawHome: '/tmp/demo-x/openclaw',
      tempDir: '/tmp/demo-x',
    });
    expect(env).toMatchObject({
      MM_URL: 'http://127.0.0.1:4000',
      MM_TOKEN: DEFAULT_IDS.botToken,
      DEFAULT_CHANNEL: DEFAULT_IDS.channelId,
      OPENCLAW_STATE_DIR: '/tmp/demo-x/openclaw',
      STATE_DIR: '/tmp/demo-x/daemon-state',
      PID_FILE: '/tmp/demo-x/daemon.pid',
      HEALTH_PORT: '0',
      LOG_LEVEL: 'warn',
    });
    expect(env.TRANSCRIPT_DIR).toBeUndefined();
    expect(env.OPENCLAW_HOME).toBeUndefined();
  });
});
