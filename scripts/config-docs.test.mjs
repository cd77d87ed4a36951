// docs/configuration.md is the operator's reference of every environment variable; this test keeps
// it true to the daemon's config module: the same names, and the documented defaults are the ones
// the module really applies.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../apps/daemon/src/config/config.ts';

const doc = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');
const source = readFileSync(new URL('../apps/daemon/src/config/config.ts', import.meta.url), 'utf8');

/** Rows of the docs' tables: `| \`NAME\` | default | meaning |`. */
function documented() {
  const rows = new Map();
  for (const m of doc.matchAll(/^\| `([A-Z][A-Z0-9_]+)` *\| ([^|]+) \|/gm)) rows.set(m[1], m[2].trim());
  return rows;
}

/** Environment variables the config module reads. */
function readByModule() {
  const names = new Set();
  for (const m of source.matchAll(/env\.([A-Z][A-Z0-9_]+)|'([A-Z][A-Z0-9_]{2,})'/g)) names.add(m[1] ?? m[2]);
  return names;
}

const HOME = '/home/operator';
const defaults = loadConfig(
  { MM_URL: 'http://127.0.0.1:1', MM_TOKEN: 'x' },
  { homedir: HOME, requireMattermost: true },
);

describe('docs/configuration.md', () => {
  it('documents exactly the variables the config module reads', () => {
    const docNames = [...documented().keys()].sort();
    const moduleNames = [...readByModule()].sort();
    expect(docNames).toEqual(moduleNames);
  });

  it('states the defaults the module applies', () => {
    expect(defaults.ok).toBe(true);
    if (!defaults.ok) return;
    const c = defaults.config;
    const applied = {
      THROTTLE_MS: c.throttleMs,
      IDLE_TIMEOUT_S: c.idleTimeoutS,
      MAX_SESSION_DURATION_S: c.maxSessionDurationS,
      MAX_STATUS_LINES: c.maxStatusLines,
      MAX_ACTIVE_SESSIONS: c.maxActiveSessions,
      MAX_MESSAGE_CHARS: c.maxMessageChars,
      CIRCUIT_BREAKER_THRESHOLD: c.circuitBreakerThreshold,
      CIRCUIT_BREAKER_COOLDOWN_S: c.circuitBreakerCooldownS,
      HEALTH_PORT: c.healthPort,
      HEALTH_HOST: c.healthHost,
      LOG_LEVEL: c.logLevel,
      PID_FILE: c.pidFile,
      PLUGIN_ENABLED: c.mattermost?.pluginEnabled,
      STATE_DIR: c.stateDir.replace(HOME, '~'),
    };
    const rows = documented();
    for (const [name, value] of Object.entries(applied)) {
      expect(rows.get(name), name).toBe(`\`${value}\``);
    }
  });
});
