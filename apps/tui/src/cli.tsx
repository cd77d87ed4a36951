// `livestatus [--state-dir DIR] [--once] [--demo]` (design §9): the terminal live view of OpenClaw
// agent sessions. Exit codes: 0 ok, 1 no OpenClaw found or a runtime failure, 2 bad arguments.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { loadConfig, noOpenClawMessage, USAGE } from './config.ts';
import { runDemo } from './run/demo.ts';
import { runLive } from './run/live.tsx';
import { onceText } from './run/once-text.ts';
import { createFeed } from './run/wiring.ts';

/** New agents (a first run after installing OpenClaw) show up within a second. */
const LIVE_RESCAN_MS = 1000;

/**
 * The state directory exists: OpenClaw is there, even if no agent has run yet (the live view then
 * waits for the first session; agents that appear later are picked up by the source's rescan).
 */
function openClawFound(stateDir: string): boolean {
  try {
    return statSync(stateDir).isDirectory();
  } catch {
    return false;
  }
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const loaded = loadConfig(argv, env, homedir());
  if (!loaded.ok) {
    process.stderr.write(`livestatus: ${loaded.problems.join('\nlivestatus: ')}\n\n${USAGE}`);
    return 2;
  }
  const config = loaded.config;
  try {
    switch (config.mode) {
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      case 'once': {
        if (!openClawFound(config.stateDir)) {
          process.stderr.write(noOpenClawMessage(config));
          return 1;
        }
        const { feed, source } = createFeed({ ...config, allHistory: true, rescanIntervalMs: 0 });
        // Problems with OpenClaw's files (a torn registry, malformed lines) are warnings: the
        // sessions that could be read are still printed.
        source.onProblem((p) => {
          process.stderr.write(`livestatus: warning: ${p.message}${p.path ? ` (${p.path})` : ''}\n`);
        });
        await feed.start();
        const text = onceText(feed.snapshot());
        await feed.close();
        // `livestatus --once | head` closes the pipe early: that is the reader's choice, not an error.
        process.stdout.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'EPIPE') process.exit(0);
          throw err;
        });
        process.stdout.write(text);
        return 0;
      }
      case 'live': {
        if (!openClawFound(config.stateDir)) {
          process.stderr.write(noOpenClawMessage(config));
          return 1;
        }
        if (!needsTerminal()) return 1;
        await runLive(createFeed({ ...config, rescanIntervalMs: LIVE_RESCAN_MS }).feed, config.stateDir);
        return 0;
      }
      case 'demo': {
        if (!needsTerminal()) return 1;
        await runDemo(config);
        return 0;
      }
    }
  } catch (err) {
    process.stderr.write(`livestatus: ${(err as Error).message}\n`);
    return 1;
  }
}

function needsTerminal(): boolean {
  if (process.stdin.isTTY && process.stdout.isTTY) return true;
  process.stderr.write('livestatus: the live view needs a terminal; use --once for plain text output.\n');
  return false;
}
