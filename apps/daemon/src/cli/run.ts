// `livestatus-daemon run`: the daemon in the foreground. Single instance through the PID file;
// SIGTERM/SIGINT mark every live box interrupted, flush, and exit 0 within a few seconds.
import { homedir } from 'node:os';
import { formatProblems, loadConfig } from '../config/config.ts';
import { startDaemon } from '../daemon.ts';
import { createLogger } from '../ops/logger.ts';
import { acquirePidFile } from '../ops/pid-file.ts';

export async function runCommand(env: NodeJS.ProcessEnv): Promise<number> {
  const loaded = loadConfig(env, { homedir: homedir(), requireMattermost: true });
  if (!loaded.ok) {
    process.stderr.write(formatProblems(loaded.problems));
    return 2;
  }
  const config = loaded.config;
  const log = createLogger(config.logLevel);
  // Set by seed-era deployments: ignoring them silently would hide that they do nothing now.
  if (config.noLongerUsed.length > 0)
    log.warn(
      { variables: config.noLongerUsed },
      'no longer used (the Live Status plugin is webapp-only; there is no plugin endpoint or secret); ignored',
    );
  const lock = acquirePidFile(config.pidFile);
  if (!lock.ok) {
    process.stderr.write(`livestatus-daemon: already running (pid ${lock.pid}, ${config.pidFile})\n`);
    return 1;
  }
  let daemon: Awaited<ReturnType<typeof startDaemon>>;
  try {
    daemon = await startDaemon({ config, log });
  } catch (err) {
    lock.release();
    log.fatal({ error: (err as Error).message }, 'could not start');
    log.flush?.();
    return 1;
  }
  log.info({ pid: process.pid, healthPort: daemon.healthPort }, 'livestatus daemon running');
  // The daemon's own timers and watchers are unref'd (they must not hold tests open); this one
  // handle keeps the process alive until a signal, also with HEALTH_PORT=0.
  const keepAlive = setInterval(() => {}, 1 << 30);
  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      clearInterval(keepAlive);
      log.info({ signal }, 'stopping: marking live boxes interrupted');
      // Hard stop if Mattermost hangs: the state is persisted, a restart resumes the posts.
      const hard = setTimeout(() => {
        lock.release();
        resolve(0);
      }, 8000);
      hard.unref();
      void daemon
        .stop()
        .catch((err: unknown) => log.error({ error: (err as Error).message }, 'error while stopping'))
        .finally(() => {
          clearTimeout(hard);
          lock.release();
          log.flush?.();
          resolve(0);
        });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
