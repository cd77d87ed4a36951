import { describe, expect, it } from 'vitest';
import { formatProblems, loadConfig } from './config.ts';

const base = { MM_URL: 'https://chat.example.com/', MM_TOKEN: 'sekret-token-123' };
const opts = { homedir: '/home/alice', requireMattermost: true };

describe('loadConfig', () => {
  it('applies the seed defaults', () => {
    const r = loadConfig(base, opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toMatchObject({
      throttleMs: 500,
      idleTimeoutS: 60,
      maxSessionDurationS: 1800,
      maxStatusLines: 15,
      maxActiveSessions: 20,
      maxMessageChars: 15000,
      healthPort: 9090,
      logLevel: 'info',
      pidFile: '/tmp/status-watcher.pid',
      circuitBreakerThreshold: 5,
      circuitBreakerCooldownS: 30,
      stateDir: '/home/alice/.local/state/livestatus',
      openclaw: { stateDir: '/home/alice/.openclaw' },
      mattermost: { url: 'https://chat.example.com', pluginEnabled: true },
    });
  });

  it('lists every problem at once and never echoes the token', () => {
    const r = loadConfig(
      {
        MM_TOKEN: 'bad token with spaces',
        THROTTLE_MS: 'fast',
        HEALTH_PORT: '70000',
        LOG_LEVEL: 'loud',
        TRANSCRIPT_DIR: '/x',
        DEFAULT_CHANNEL: 'town-square',
        PLUGIN_ENABLED: 'maybe',
      },
      opts,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = formatProblems(r.problems);
    for (const name of [
      'MM_URL',
      'MM_TOKEN',
      'THROTTLE_MS',
      'HEALTH_PORT',
      'LOG_LEVEL',
      'SESSIONS_JSON',
      'DEFAULT_CHANNEL',
      'PLUGIN_ENABLED',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('bad token');
  });

  it('MM_ACCOUNT_TOKENS: unset means the one MM_TOKEN bot; pairs map account ids to their bots', () => {
    const none = loadConfig(base, opts);
    expect(none.ok && [...(none.config.mattermost?.accountTokens ?? new Map())]).toEqual([]);
    const r = loadConfig({ ...base, MM_ACCOUNT_TOKENS: ' second=tok2aaaa , ops_bot-2=tok3bbbb' }, opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.mattermost?.token).toBe('sekret-token-123');
    expect([...(r.config.mattermost?.accountTokens ?? [])]).toEqual([
      ['second', 'tok2aaaa'],
      ['ops_bot-2', 'tok3bbbb'],
    ]);
  });

  it('MM_ACCOUNT_TOKENS: every malformed pair is a problem, named by position, its token never echoed', () => {
    const r = loadConfig(
      {
        ...base,
        MM_ACCOUNT_TOKENS: [
          'baretokenAAAA', // 1: no "="
          'bad id=tokenBBBB', // 2: space in the id
          'third=token CCCC', // 3: whitespace in the token
          'fourth=', // 4: empty token
          'default=tokenDDDD', // 5: MM_TOKEN is default's bot
          'sixth=tokenEEEE',
          'sixth=tokenFFFF', // 7: the same account twice
          '', // 8: empty pair (doubled comma)
        ].join(','),
      },
      opts,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = formatProblems(r.problems);
    for (const n of ['pair 1 ', 'pair 2 ', 'pair 3 ', 'pair 4 ', 'pair 5 ', 'pairs 6 and 7', 'pair 8 '])
      expect(text).toContain(n);
    expect(r.problems).toHaveLength(7);
    for (const secret of ['AAAA', 'BBBB', 'CCCC', 'DDDD', 'EEEE', 'FFFF', 'sekret'])
      expect(text).not.toContain(secret);
  });

  it('follows OpenClaw: OPENCLAW_STATE_DIR wins, OPENCLAW_HOME replaces the home directory', () => {
    const a = loadConfig({ ...base, OPENCLAW_STATE_DIR: '/srv/oc', OPENCLAW_HOME: '/h' }, opts);
    const b = loadConfig({ ...base, OPENCLAW_HOME: '/h' }, opts);
    expect(a.ok && a.config.openclaw.stateDir).toBe('/srv/oc');
    expect(b.ok && b.config.openclaw.stateDir).toBe('/h/.openclaw');
  });

  it('refuses a STATE_DIR inside the (possibly read-only) OpenClaw state directory', () => {
    const r = loadConfig({ ...base, STATE_DIR: '/home/alice/.openclaw/livestatus' }, opts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join()).toContain('STATE_DIR');
  });

  it('notes the seed server-plugin settings PLUGIN_URL/PLUGIN_SECRET as no longer used, not as errors', () => {
    const r = loadConfig(
      { ...base, PLUGIN_URL: 'http://127.0.0.1:8065/plugins/x', PLUGIN_SECRET: 's' },
      opts,
    );
    expect(r.ok && r.config.noLongerUsed).toEqual(['PLUGIN_URL', 'PLUGIN_SECRET']);
    const none = loadConfig({ ...base, PLUGIN_SECRET: ' ' }, opts);
    expect(none.ok && none.config.noLongerUsed).toEqual([]);
  });
  it('needs no Mattermost settings for render', () => {
    const r = loadConfig({}, { homedir: '/home/alice', requireMattermost: false });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config.mattermost).toBeUndefined();
  });

  it('caps MAX_MESSAGE_CHARS at what Mattermost accepts', () => {
    const r = loadConfig({ ...base, MAX_MESSAGE_CHARS: '20000' }, opts);
    expect(r.ok).toBe(false);
  });

  it('takes explicit seed paths and the SQLite DB', () => {
    const r = loadConfig(
      { ...base, TRANSCRIPT_DIR: '/s', SESSIONS_JSON: '/s/sessions.json', OPENCLAW_STATE_DB: '/db.sqlite' },
      opts,
    );
    expect(r.ok && r.config.openclaw).toMatchObject({
      transcriptDir: '/s',
      sessionsJson: '/s/sessions.json',
      stateDb: '/db.sqlite',
    });
  });
});
