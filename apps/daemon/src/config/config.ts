// The daemon's whole configuration, read from the environment in ONE place and validated, so a
// bad deployment fails at start with one message listing every problem (exit 2) instead of
// misbehaving later. Names and defaults are the seed's contract (design §6). MM_TOKEN and the
// MM_ACCOUNT_TOKENS values are never echoed back, not even in an error.
import path from 'node:path';
import { resolveStateDir } from '@livestatus/transcript';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
/** Mattermost ids are 26 lower-case base32 characters. */
const MM_ID = /^[a-z0-9]{26}$/;
/** Mattermost counts runes; a message may hold at most 16 383 (design §5). */
export const MM_MESSAGE_MAX_RUNES = 16_383;

export interface OpenClawLocation {
  /** The OpenClaw state directory (the `.openclaw` folder), resolved as OpenClaw does. */
  stateDir: string;
  /** Explicit seed-style paths; win over detection when both are given. */
  transcriptDir?: string;
  sessionsJson?: string;
  /** Explicit SQLite-era database. */
  stateDb?: string;
}

export interface MattermostSettings {
  url: string;
  /** The bot of the `default` account, of sessions without an accountId and of unlisted ones. */
  token: string;
  /** Bots of further OpenClaw Mattermost accounts, by accountId (design §2: `accountId` picks the bot). */
  accountTokens: ReadonlyMap<string, string>;
  defaultChannel?: string;
  pluginEnabled: boolean;
}

export interface DaemonConfig {
  /** Absent only where Mattermost is not needed (`render`). */
  mattermost?: MattermostSettings;
  openclaw: OpenClawLocation;
  throttleMs: number;
  idleTimeoutS: number;
  maxSessionDurationS: number;
  maxStatusLines: number;
  maxActiveSessions: number;
  maxMessageChars: number;
  healthPort: number;
  /** 127.0.0.1 unless a container publishes the port (HEALTH_HOST=0.0.0.0). */
  healthHost: string;
  logLevel: LogLevel;
  pidFile: string;
  circuitBreakerThreshold: number;
  circuitBreakerCooldownS: number;
  toolLabelsFile?: string;
  /** Where the daemon keeps its own state (live boxes); never inside OpenClaw's state dir. */
  stateDir: string;
  /** Seed variables that are set but mean nothing any more (logged once at start, not an error). */
  noLongerUsed: string[];
}

/** The seed's server-plugin endpoint settings: the plugin is webapp-only now (docs/configuration.md). */
const NO_LONGER_USED = ['PLUGIN_URL', 'PLUGIN_SECRET'] as const;

export type ConfigResult = { ok: true; config: DaemonConfig } | { ok: false; problems: string[] };

export interface LoadOptions {
  homedir: string;
  /** `render` and `status` need no Mattermost settings. */
  requireMattermost: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

function intVar(env: Env, name: string, def: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return def;
  if (!/^-?\d+$/.test(raw)) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return def;
  }
  const n = Number(raw);
  if (n < min || n > max) {
    problems.push(`${name} must be between ${min} and ${max} (got ${n})`);
    return def;
  }
  return n;
}

function boolVar(env: Env, name: string, def: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return def;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${env[name]}")`);
  return def;
}

function pathVar(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? path.resolve(raw) : undefined;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** An OpenClaw account id as the daemon accepts it in MM_ACCOUNT_TOKENS. */
const ACCOUNT_ID = /^[A-Za-z0-9_-]+$/;

/**
 * MM_ACCOUNT_TOKENS: `accountId=token` pairs, comma-separated. Problems name a pair by its position
 * only, never by its text: a malformed pair may be a bare token, and a reversed `token=id` pair
 * would put the token where the id belongs.
 */
export function parseAccountTokens(raw: string | undefined, problems: string[]): Map<string, string> {
  const accounts = new Map<string, string>();
  if (raw === undefined || raw.trim() === '') return accounts;
  const firstPair = new Map<string, number>();
  raw.split(',').forEach((part, i) => {
    const n = i + 1;
    const pair = part.trim();
    const eq = pair.indexOf('=');
    if (eq < 0) {
      problems.push(`MM_ACCOUNT_TOKENS pair ${n} is not of the form accountId=token`);
      return;
    }
    const id = pair.slice(0, eq).trim();
    const token = pair.slice(eq + 1).trim();
    if (!ACCOUNT_ID.test(id)) {
      problems.push(
        `MM_ACCOUNT_TOKENS pair ${n} has an invalid account id (letters, digits, "_" and "-" only)`,
      );
      return;
    }
    if (!token) {
      problems.push(`MM_ACCOUNT_TOKENS pair ${n} has an empty token`);
      return;
    }
    if (/\s/.test(token)) {
      problems.push(`MM_ACCOUNT_TOKENS pair ${n} has a token with whitespace`);
      return;
    }
    // MM_TOKEN is the default account's bot; a second token for it would be ambiguous.
    if (id === 'default') {
      problems.push(`MM_ACCOUNT_TOKENS pair ${n} names the account "default", whose bot is MM_TOKEN`);
      return;
    }
    const earlier = firstPair.get(id);
    if (earlier !== undefined) {
      problems.push(`MM_ACCOUNT_TOKENS pairs ${earlier} and ${n} name the same account`);
      return;
    }
    firstPair.set(id, n);
    accounts.set(id, token);
  });
  return accounts;
}

function mattermostSettings(env: Env, problems: string[], required: boolean): MattermostSettings | undefined {
  const url = env.MM_URL?.trim();
  const token = env.MM_TOKEN?.trim();
  const defaultChannel = env.DEFAULT_CHANNEL?.trim() || undefined;
  const pluginEnabled = boolVar(env, 'PLUGIN_ENABLED', true, problems);
  const accountTokens = parseAccountTokens(env.MM_ACCOUNT_TOKENS, problems);
  if (defaultChannel !== undefined && !MM_ID.test(defaultChannel)) {
    problems.push('DEFAULT_CHANNEL must be a Mattermost channel id (26 lower-case letters and digits)');
  }
  if (!required && !url && !token) return undefined;
  if (!url) problems.push('MM_URL is required (the Mattermost base URL, e.g. https://chat.example.com)');
  else {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`MM_URL is not a valid URL (got "${url}")`);
    }
    if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      problems.push(`MM_URL must use http or https (got "${parsed.protocol}")`);
    }
  }
  // The token is checked for presence and shape only; its value never appears in a message.
  if (!token) problems.push('MM_TOKEN is required (a Mattermost bot access token)');
  else if (/\s/.test(token)) problems.push('MM_TOKEN must not contain whitespace');
  if (!url || !token) return undefined;
  return {
    url: url.replace(/\/+$/, ''),
    token,
    accountTokens,
    pluginEnabled,
    ...(defaultChannel ? { defaultChannel } : {}),
  };
}

export function loadConfig(env: Env, opts: LoadOptions): ConfigResult {
  const problems: string[] = [];
  const mattermost = mattermostSettings(env, problems, opts.requireMattermost);

  const stateDirOpenClaw = resolveStateDir(
    { OPENCLAW_STATE_DIR: env.OPENCLAW_STATE_DIR, OPENCLAW_HOME: env.OPENCLAW_HOME },
    opts.homedir,
  );
  const transcriptDir = pathVar(env, 'TRANSCRIPT_DIR');
  const sessionsJson = pathVar(env, 'SESSIONS_JSON');
  if ((transcriptDir === undefined) !== (sessionsJson === undefined)) {
    problems.push(
      'TRANSCRIPT_DIR and SESSIONS_JSON must be given together (or neither, to detect the OpenClaw state dir)',
    );
  }
  const stateDb = pathVar(env, 'OPENCLAW_STATE_DB');

  const maxMessageChars = intVar(env, 'MAX_MESSAGE_CHARS', 15_000, 500, MM_MESSAGE_MAX_RUNES, problems);
  const logLevelRaw = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LOG_LEVELS.includes(logLevelRaw as LogLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
  }
  const stateDir = pathVar(env, 'STATE_DIR') ?? path.join(opts.homedir, '.local', 'state', 'livestatus');
  if (isInside(stateDir, stateDirOpenClaw)) {
    problems.push(
      `STATE_DIR (${stateDir}) must not be inside the OpenClaw state directory (${stateDirOpenClaw}), which may be read-only`,
    );
  }

  const config: DaemonConfig = {
    ...(mattermost ? { mattermost } : {}),
    openclaw: {
      stateDir: stateDirOpenClaw,
      ...(transcriptDir && sessionsJson ? { transcriptDir, sessionsJson } : {}),
      ...(stateDb ? { stateDb } : {}),
    },
    throttleMs: intVar(env, 'THROTTLE_MS', 500, 50, 60_000, problems),
    idleTimeoutS: intVar(env, 'IDLE_TIMEOUT_S', 60, 1, 86_400, problems),
    maxSessionDurationS: intVar(env, 'MAX_SESSION_DURATION_S', 1800, 10, 7 * 86_400, problems),
    maxStatusLines: intVar(env, 'MAX_STATUS_LINES', 15, 1, 500, problems),
    maxActiveSessions: intVar(env, 'MAX_ACTIVE_SESSIONS', 20, 1, 10_000, problems),
    maxMessageChars,
    healthPort: intVar(env, 'HEALTH_PORT', 9090, 0, 65_535, problems),
    healthHost: env.HEALTH_HOST?.trim() || '127.0.0.1',
    logLevel: logLevelRaw as LogLevel,
    pidFile: pathVar(env, 'PID_FILE') ?? '/tmp/status-watcher.pid',
    circuitBreakerThreshold: intVar(env, 'CIRCUIT_BREAKER_THRESHOLD', 5, 1, 1000, problems),
    circuitBreakerCooldownS: intVar(env, 'CIRCUIT_BREAKER_COOLDOWN_S', 30, 1, 3600, problems),
    ...(pathVar(env, 'TOOL_LABELS_FILE') ? { toolLabelsFile: pathVar(env, 'TOOL_LABELS_FILE') } : {}),
    stateDir,
    noLongerUsed: NO_LONGER_USED.filter((name) => env[name]?.trim()),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}

/** One message listing every problem, for stderr before exit 2. */
export function formatProblems(problems: readonly string[]): string {
  return `livestatus-daemon: invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`;
}
