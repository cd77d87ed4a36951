// `npm start` (scripts/start.mjs runs the bundle of this file): the demo in the foreground until
// Ctrl-C, or until the user quits the terminal UI.

import { DEFAULT_IDS } from '@livestatus/mm-dev-server';
import { replayScenarios } from '@livestatus/transcript';
import { type Demo, DemoError, startDemo } from './demo.ts';
import { type DemoOptions, parseArgs, USAGE } from './options.ts';

function banner(demo: Demo, options: DemoOptions): string {
  const speed = options.speed === 1 ? 'as recorded' : `at speed ${options.speed}`;
  return [
    'Live Status demo — real parts, nothing installed, 127.0.0.1 only',
    '',
    `  Mattermost page  ${demo.pageUrl}   <- open it: Town Square as alice sees it, with the plugin`,
    `  mm-dev-server    ${demo.serverUrl}   (bot token ${DEFAULT_IDS.botToken}, login alice / ${DEFAULT_IDS.alicePassword})`,
    `  daemon           pid ${demo.daemon.pid}, log ${demo.daemonLog}`,
    `  OpenClaw home    ${demo.openclawHome}   (${replayScenarios.length} real OpenClaw runs replayed ${speed}${options.loop ? ', looping' : ''})`,
    `  temp dir         ${demo.tempDir}${options.keep ? '   (kept after exit: --keep)' : ''}`,
    '',
    options.tui ? 'Quitting the terminal UI (q or Ctrl-C) stops the demo.' : 'Ctrl-C stops the demo.',
    '',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const parsed = parseArgs(argv, Boolean(process.stdin.isTTY && process.stdout.isTTY));
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'invalid') {
    process.stderr.write(`demo: ${parsed.problems.join('\ndemo: ')}\n\n${USAGE}`);
    return 2;
  }
  const options = parsed.options;
  let demo: Demo;
  try {
    demo = await startDemo(options);
  } catch (err) {
    process.stderr.write(`demo: ${err instanceof DemoError ? err.message : (err as Error).stack}\n`);
    return 1;
  }
  process.stdout.write(banner(demo, options));

  let quitting = false;
  const quit = new Promise<number>((resolve) => {
    const end = (code: number, why?: string) => {
      if (quitting) return;
      quitting = true;
      if (why) process.stderr.write(`demo: ${why}\n`);
      resolve(code);
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => end(0));
    if (options.tui) void demo.openTui().exited.then(() => end(0));
    void demo.daemon.exited.then((code) =>
      end(1, `the daemon stopped unexpectedly (${code}); its log: ${demo.daemonLog}`),
    );
    void demo.firstRound.then(() => {
      if (!quitting && !options.loop && !options.tui)
        process.stdout.write('All sessions replayed; the page stays up. Ctrl-C stops the demo.\n');
    });
    demo.replays.catch((err: unknown) => end(1, `replay failed: ${(err as Error).message}`));
  });
  const code = await quit;
  process.stdout.write('Stopping the demo...\n');
  await demo.stop();
  process.stdout.write(options.keep ? `Stopped. Kept ${demo.tempDir}\n` : 'Stopped; temp dir removed.\n');
  return code;
}

process.exitCode = await main(process.argv.slice(2));
