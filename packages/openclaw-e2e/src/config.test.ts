import { describe, expect, it } from 'vitest';
import { openClawConfig, openClawEnv } from './config.ts';

describe('isolated OpenClaw config and environment', () => {
  it("passes neither test-runner variables nor the caller's OpenClaw locations to OpenClaw", () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      VITEST: 'true',
      NODE_ENV: 'test',
      OPENCLAW_STATE_DIR: '/elsewhere',
      HTTP_PROXY: 'http://p',
    });
    try {
      const env = openClawEnv('/opt/node24/bin/node', '/tmp/h');
      expect(env.VITEST).toBeUndefined();
      expect(env.NODE_ENV).toBeUndefined();
      expect(env.OPENCLAW_STATE_DIR).toBeUndefined();
      expect(env.HTTP_PROXY).toBeUndefined();
      expect(env.HOME).toBe('/tmp/h');
      expect(env.OPENCLAW_DISABLE_BONJOUR).toBe('1');
      expect(env.PATH?.startsWith('/opt/node24/bin:')).toBe(true);
    } finally {
      process.env = saved;
    }
  });

  it('keeps the gateway on loopback and turns the 9.x catalog refresh off', () => {
    const v9 = openClawConfig({
      version: '2026.9.6',
      home: '/h',
      modelUrl: 'http://127.0.0.1:1/v1',
      gatewayPort: 5,
    });
    expect(v9).toMatchObject({
      gateway: { bind: 'loopback', port: 5 },
      models: { catalogRefresh: { enabled: false } },
    });
    const v7 = openClawConfig({ version: '2026.7.35', home: '/h', modelUrl: 'http://127.0.0.1:1/v1' });
    expect((v7.models as Record<string, unknown>).catalogRefresh).toBeUndefined();
  });
});
