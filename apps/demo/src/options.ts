// The demo's command line, read once and validated: every problem is reported together, and
// nothing else in the demo touches argv.

export const DEFAULT_PORT = 8065;

export const USAGE = `Usage: npm start -- [options]

Live Status with nothing installed: a Mattermost-compatible server on 127.0.0.1 with the built
webapp plugin, the daemon posting live status boxes, the terminal UI, and a page that shows the
channel as a Mattermost user sees it — all fed by real OpenClaw sessions replayed live.

  --port <n>        port of the page and the Mattermost API it uses (default ${DEFAULT_PORT}; 0 = any free port)
  --speed <factor>  replay speed: 1 = as recorded (long pauses capped), 10 = ten times faster (default 1)
  --loop            replay the sessions again after the last one ends, until stopped
  --no-tui          do not open the terminal UI (the default when stdout is not a terminal)
  --keep            keep the temporary directory (OpenClaw home, daemon state and log) after exit
  -h, --help        show this help

Ctrl-C stops everything and removes the temporary directory.
`;

export interface DemoOptions {
  port: number;
  speed: number;
  loop: boolean;
  tui: boolean;
  keep: boolean;
}

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'run'; options: DemoOptions }
  | { kind: 'invalid'; problems: string[] };

/** `terminal`: stdin and stdout are both a TTY (the TUI needs both). */
export function parseArgs(argv: readonly string[], terminal: boolean): ParsedArgs {
  const problems: string[] = [];
  const options: DemoOptions = { port: DEFAULT_PORT, speed: 1, loop: false, tui: terminal, keep: false };
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--no-tui':
        options.tui = false;
        break;
      case '--loop':
        options.loop = true;
        break;
      case '--keep':
        options.keep = true;
        break;
      case '--port': {
        const raw = value();
        const n = Number(raw);
        if (raw === undefined || !/^\d+$/.test(raw) || n > 65_535)
          problems.push(
            `--port needs a port number 0-65535 (got ${raw === undefined ? 'nothing' : `"${raw}"`})`,
          );
        else options.port = n;
        break;
      }
      case '--speed': {
        const raw = value();
        const n = Number(raw);
        if (raw === undefined || raw.trim() === '' || !Number.isFinite(n) || n <= 0)
          problems.push(
            `--speed needs a positive number (got ${raw === undefined ? 'nothing' : `"${raw}"`})`,
          );
        else options.speed = n;
        break;
      }
      default:
        problems.push(`unknown option "${arg}"`);
    }
  }
  if (help) return { kind: 'help' };
  if (problems.length > 0) return { kind: 'invalid', problems };
  return { kind: 'run', options };
}
