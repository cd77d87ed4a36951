// The environment of the demo's children: only what a terminal program needs from the user's
// environment, plus the demo's own settings. A user's real MM_URL, TRANSCRIPT_DIR or OPENCLAW_HOME
// must never leak into the demo (it would post to their Mattermost or read their OpenClaw), and
// HOME points into the temp dir so nothing can be written outside it.
import path from 'node:path';
import { DEFAULT_IDS } from '@livestatus/mm-dev-server';

const PASS_THROUGH =
  /^(PATH|TERM|COLORTERM|TERM_PROGRAM|LANG|LANGUAGE|LC_\w+|TZ|NO_COLOR|FORCE_COLOR|COLUMNS|LINES|TMUX|TMPDIR)$/;

export function baseEnv(from: NodeJS.ProcessEnv, tempDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(from)) if (v !== undefined && PASS_THROUGH.test(k)) env[k] = v;
  env.HOME = path.join(tempDir, 'home');
  return env;
}

export interface DaemonEnvInput {
  mmUrl: string;
  openclawHome: string;
  tempDir: string;
}

export function daemonEnv(from: NodeJS.ProcessEnv, input: DaemonEnvInput): Record<string, string> {
  return {
    ...baseEnv(from, input.tempDir),
    MM_URL: input.mmUrl,
    MM_TOKEN: DEFAULT_IDS.botToken,
    DEFAULT_CHANNEL: DEFAULT_IDS.channelId,
    OPENCLAW_STATE_DIR: input.openclawHome,
    STATE_DIR: path.join(input.tempDir, 'daemon-state'),
    PID_FILE: path.join(input.tempDir, 'daemon.pid'),
    HEALTH_PORT: '0',
    LOG_LEVEL: 'warn',
  };
}
