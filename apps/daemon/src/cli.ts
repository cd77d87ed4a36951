// Entry point of the `livestatus-daemon` and `live-status` bins (bundled to dist/cli.js).
import { parseArgs } from 'node:util';
import { legacyMain } from './cli/legacy.ts';
import { renderCommand } from './cli/render.ts';
import { runCommand } from './cli/run.ts';
import { startCommand, statusCommand, stopCommand } from './cli/service.ts';
import { VERSION } from './version.ts';

export { legacyMain };

const HELP: Record<string, string> = {
  main: `livestatus-daemon ${VERSION} — live Mattermost status posts for OpenClaw agent sessions

Usage:
  livestatus-daemon run          run in the foreground
  livestatus-daemon start        start in the background (PID_FILE)
  livestatus-daemon stop         stop gracefully (live boxes are marked interrupted)
  livestatus-daemon status       is it running? prints /health when HEALTH_PORT is set
  livestatus-daemon render <sessionKey|sessionId|path> [--state-dir DIR] [--json]
                                 print the box of a session as it stands (no Mattermost needed)

Required env for run/start: MM_URL, MM_TOKEN. OpenClaw is found like OpenClaw finds it
(OPENCLAW_STATE_DIR, else $OPENCLAW_HOME/.openclaw, else ~/.openclaw), or TRANSCRIPT_DIR +
SESSIONS_JSON, or OPENCLAW_STATE_DB. Optional: THROTTLE_MS, IDLE_TIMEOUT_S, MAX_SESSION_DURATION_S,
MAX_STATUS_LINES, MAX_ACTIVE_SESSIONS, MAX_MESSAGE_CHARS, HEALTH_PORT, LOG_LEVEL, PID_FILE,
CIRCUIT_BREAKER_THRESHOLD, CIRCUIT_BREAKER_COOLDOWN_S, TOOL_LABELS_FILE, DEFAULT_CHANNEL,
PLUGIN_ENABLED, STATE_DIR, MM_ACCOUNT_TOKENS (accountId=token,… for multi-bot setups).
Reference: docs/configuration.md.
`,
  run: 'livestatus-daemon run\n  Run the daemon in the foreground; SIGTERM/SIGINT stop it gracefully.\n',
  start: 'livestatus-daemon start\n  Start the daemon in the background; logs go to $STATE_DIR/daemon.log.\n',
  stop: 'livestatus-daemon stop\n  Stop the running daemon (SIGTERM); waits until it has exited.\n',
  status: 'livestatus-daemon status\n  Exit 0 and print /health when running, exit 3 when not.\n',
  render:
    'livestatus-daemon render <sessionKey|sessionId|path> [--state-dir DIR] [--json]\n  Print the status box of one session as it stands, or its SessionView as JSON.\n',
};

export async function main(argv: string[], env: NodeJS.ProcessEnv, script: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
      json: { type: 'boolean' },
      'state-dir': { type: 'string' },
    },
    allowPositionals: true,
    strict: false,
  });
  const [cmd, ...rest] = positionals;
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (values.help || !cmd) {
    process.stdout.write(HELP[cmd ?? 'main'] ?? HELP.main ?? '');
    return values.help ? 0 : 2;
  }
  const stateDir = typeof values['state-dir'] === 'string' ? values['state-dir'] : undefined;
  const withStateDir = stateDir ? { ...env, OPENCLAW_STATE_DIR: stateDir } : env;
  switch (cmd) {
    case 'run':
      return runCommand(withStateDir);
    case 'start':
      return startCommand(withStateDir, script);
    case 'stop':
      return stopCommand(env);
    case 'status':
      return statusCommand(env);
    case 'render': {
      const target = rest[0];
      if (!target) {
        process.stderr.write(HELP.render ?? '');
        return 2;
      }
      return renderCommand(env, { target, json: values.json === true, ...(stateDir ? { stateDir } : {}) });
    }
    default:
      process.stderr.write(`livestatus-daemon: unknown command "${cmd}"\n\n${HELP.main}`);
      return 2;
  }
}
