// The TUI's command line and environment, read once and validated: every problem is reported
// together, and nothing else in the app touches argv or process.env.
import { resolveStateDir } from '@livestatus/transcript';

export const USAGE = `Usage: livestatus [--state-dir DIR] [--once] [--demo]

Live view of OpenClaw agent sessions in the terminal.

  --state-dir DIR  the OpenClaw state directory (default: $OPENCLAW_STATE_DIR,
                   else $OPENCLAW_HOME/.openclaw, else ~/.openclaw)
  --once           print the session list and every session's status box as plain text, then exit
  --demo           replay bundled real OpenClaw sessions live (no OpenClaw needed)
  -h, --help       show this help
`;

export interface TuiConfig {
  mode: 'live' | 'once' | 'demo' | 'help';
  /** The OpenClaw state directory (resolved; unused by demo, which makes its own). */
  stateDir: string;
  /** How the state directory was chosen, for the "nothing found" message. */
  stateDirFrom: '--state-dir' | 'OPENCLAW_STATE_DIR' | 'OPENCLAW_HOME' | 'home';
  /** TOOL_LABELS_FILE: user overrides of tool labels, as for the daemon. */
  toolLabelsFile?: string;
}

export type ConfigResult = { ok: true; config: TuiConfig } | { ok: false; problems: string[] };

export interface ConfigEnv {
  OPENCLAW_STATE_DIR?: string | undefined;
  OPENCLAW_HOME?: string | undefined;
  TOOL_LABELS_FILE?: string | undefined;
}

export function loadConfig(argv: readonly string[], env: ConfigEnv, homedir: string): ConfigResult {
  const problems: string[] = [];
  let stateDirArg: string | undefined;
  let once = false;
  let demo = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--once') once = true;
    else if (arg === '--demo') demo = true;
    else if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--state-dir' || arg.startsWith('--state-dir=')) {
      const value = arg === '--state-dir' ? argv[++i] : arg.slice('--state-dir='.length);
      if (value === undefined || value.trim() === '' || (arg === '--state-dir' && value.startsWith('--'))) {
        problems.push('--state-dir needs a directory: --state-dir DIR');
      } else stateDirArg = value;
    } else problems.push(`unknown argument "${arg}"`);
  }
  if (once && demo) problems.push('--once and --demo cannot be combined: --demo is a live replay');
  if (demo && stateDirArg !== undefined)
    problems.push('--demo makes its own state directory; drop --state-dir');
  if (problems.length > 0) return { ok: false, problems };

  const stateDir = resolveStateDir(
    stateDirArg !== undefined ? { OPENCLAW_STATE_DIR: stateDirArg } : env,
    homedir,
  );
  const stateDirFrom =
    stateDirArg !== undefined
      ? '--state-dir'
      : env.OPENCLAW_STATE_DIR?.trim()
        ? 'OPENCLAW_STATE_DIR'
        : env.OPENCLAW_HOME?.trim()
          ? 'OPENCLAW_HOME'
          : 'home';
  const config: TuiConfig = {
    mode: help ? 'help' : demo ? 'demo' : once ? 'once' : 'live',
    stateDir,
    stateDirFrom,
  };
  const labels = env.TOOL_LABELS_FILE?.trim();
  if (labels) config.toolLabelsFile = labels;
  return { ok: true, config };
}

/** The message for a state directory with no OpenClaw in it: where we looked, how to point elsewhere. */
export function noOpenClawMessage(config: TuiConfig): string {
  const why = {
    '--state-dir': 'given with --state-dir',
    OPENCLAW_STATE_DIR: 'from OPENCLAW_STATE_DIR',
    OPENCLAW_HOME: 'from OPENCLAW_HOME ($OPENCLAW_HOME/.openclaw)',
    home: 'the default, ~/.openclaw',
  }[config.stateDirFrom];
  return [
    `livestatus: no OpenClaw state directory at ${config.stateDir} (${why}).`,
    'OpenClaw keeps its sessions there under agents/<agent>/ (sessions/*.jsonl up to 2026.7,',
    'agent/openclaw-agent.sqlite from 2026.8).',
    'Point it at your OpenClaw state directory with --state-dir DIR or OPENCLAW_STATE_DIR=DIR,',
    'or run `livestatus --demo` to watch bundled sample sessions.',
    '',
  ].join('\n');
}
