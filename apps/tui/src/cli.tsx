// `livestatus [--state-dir DIR] [--once] [--demo]` (design §9): the terminal live view of OpenClaw
// agent sessions. Exit codes: 0 ok, 1 no OpenClaw found or a runtime failure, 2 bad arguments.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { loadConfig, noOpenClawMessage, USAGE } from './config.ts';
import { prepareDemo } from './run/demo.ts';
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
        const demo = await prepareDemo();
        // Killed while watching: still remove the temp state, then exit as a killed process would.
        // Synchronous, and registered with `on` (not `once`): Ink's exit hook re-raises the signal
        // as soon as no other listener is registered, which would end the process first.
        const stop = (signal: NodeJS.Signals) => {
          demo.disposeNow();
          process.exit(signal === 'SIGTERM' ? 143 : 129);
        };
        process.on('SIGTERM', stop);
        process.on('SIGHUP', stop);
        try {
          const { feed } = createFeed({ ...config, stateDir: demo.stateDir, rescanIntervalMs: 250 });
          await runLive(feed, 'demo: a real OpenClaw gateway run, replayed', () => {
            // Failures surface from dispose() below; an unobserved rejection must not crash the view.
            demo.play().catch(() => undefined);
          });
        } finally {
          process.off('SIGTERM', stop);
          process.off('SIGHUP', stop);
          await demo.dispose();
        }
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
