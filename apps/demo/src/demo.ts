// One running demo: mm-dev-server with the packaged plugin, the page in front of it, the daemon
// posting to it, and the replays writing into a temp OpenClaw home. Everything the demo writes
// lives in one temp directory, removed on stop (unless --keep).
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hostFiles } from '@livestatus/browser-testing/host-page';
import { createServer, DEFAULT_IDS, type MmDevServer } from '@livestatus/mm-dev-server';
import { writeSessionsJsonAtomic } from '@livestatus/transcript';
import { baseEnv, daemonEnv } from './child-env.ts';
import { type Child, spawnDaemon, spawnTui } from './children.ts';
import { type PageServer, startPageServer } from './host-page/page-server.ts';
import type { DemoOptions } from './options.ts';
import { runReplays } from './replay/run-replays.ts';
import { missingParts, pluginPackage, webappDir } from './repo-paths.ts';

/** A problem the user can fix, said in one message (no stack trace). */
export class DemoError extends Error {}

export interface Demo {
  pageUrl: string;
  serverUrl: string;
  tempDir: string;
  openclawHome: string;
  daemonLog: string;
  daemon: Child;
  /** Rejects if a replay fails; resolves once the demo stops. */
  replays: Promise<void>;
  /** Resolves when every bundled run has been written once. */
  firstRound: Promise<void>;
  /** Opens the TUI on this terminal; its exit is the user's way to quit. */
  openTui(): Child;
  /** Stops replays, TUI, daemon (SIGTERM), page and server; removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

async function waitForDaemon(server: MmDevServer, daemon: Child, logFile: string): Promise<void> {
  const seen = (path: string) => path.startsWith('/api/v4/');
  if (server.requests((e) => seen(e.path)).length > 0) return;
  const first = server.waitFor((e) => e.kind === 'request' && seen(e.entry.path), 15_000).then(() => 'up');
  const outcome = await Promise.race([first, daemon.exited.then((code) => `exited (${code})`)]).catch(
    () => 'silent for 15 s',
  );
  if (outcome === 'up') return;
  const log = await readFile(logFile, 'utf8').catch(() => '');
  throw new DemoError(`the daemon ${outcome}; its log:\n${log.trim().split('\n').slice(-15).join('\n')}`);
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const missing = missingParts();
  if (missing.length > 0)
    throw new DemoError(
      `these parts are not built yet:\n  ${missing.join('\n  ')}\nRun \`npm start\`, which builds them first.`,
    );

  const tempDir = await mkdtemp(path.join(tmpdir(), 'livestatus-npm-start-'));
  const openclawHome = path.join(tempDir, 'openclaw');
  const daemonLog = path.join(tempDir, 'daemon.log');
  const cleanups: Array<() => Promise<unknown>> = [];
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
      if (!options.keep) await rm(tempDir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    await mkdir(path.join(tempDir, 'home'));
    // OpenClaw's registry of an agent with no sessions yet: the daemon and the TUI find the agent
    // at once instead of at their next rescan.
    await mkdir(path.join(openclawHome, 'agents', 'main', 'sessions'), { recursive: true });
    await writeSessionsJsonAtomic(path.join(openclawHome, 'agents', 'main', 'sessions', 'sessions.json'), {});

    const server = await createServer();
    cleanups.push(() => server.close());
    await server.installPlugin(pluginPackage());

    let page: PageServer;
    try {
      page = await startPageServer({
        port: options.port,
        upstreamUrl: server.url,
        login: { username: 'alice', password: DEFAULT_IDS.alicePassword },
        files: hostFiles(webappDir),
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new DemoError(
          `port ${options.port} is in use: choose another with --port <n> (0 = any free port)`,
        );
      throw err;
    }
    cleanups.push(() => page.close());

    const daemon = spawnDaemon(
      daemonEnv(process.env, { mmUrl: server.url, openclawHome, tempDir }),
      daemonLog,
    );
    cleanups.push(() => daemon.stop());
    await waitForDaemon(server, daemon, daemonLog);

    const abort = new AbortController();
    let roundDone = () => {};
    const firstRound = new Promise<void>((resolve) => {
      roundDone = resolve;
    });
    const replays = runReplays({
      stateDir: openclawHome,
      speed: options.speed,
      loop: options.loop,
      signal: abort.signal,
      onRoundDone: () => roundDone(),
    });
    cleanups.push(async () => {
      abort.abort();
      await replays.catch(() => undefined);
    });

    return {
      pageUrl: page.url,
      serverUrl: server.url,
      tempDir,
      openclawHome,
      daemonLog,
      daemon,
      replays,
      firstRound,
      openTui() {
        const tui = spawnTui(baseEnv(process.env, tempDir), openclawHome);
        cleanups.push(() => tui.stop());
        return tui;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
