// `start` (background, PID file), `stop` (graceful) and `status`, as the seed's watcher-manager.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { formatProblems, loadConfig } from '../config/config.ts';
import { isAlive, readPid, runningPid } from '../ops/pid-file.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function configOrExit(env: NodeJS.ProcessEnv, requireMattermost: boolean) {
  const loaded = loadConfig(env, { homedir: homedir(), requireMattermost });
  if (!loaded.ok) {
    process.stderr.write(formatProblems(loaded.problems));
    return undefined;
  }
  return loaded.config;
}

export async function startCommand(env: NodeJS.ProcessEnv, script: string): Promise<number> {
  const config = configOrExit(env, true);
  if (!config) return 2;
  const pid = runningPid(config.pidFile);
  if (pid !== undefined) {
    process.stdout.write(`livestatus-daemon already running (pid ${pid})\n`);
    return 0;
  }
  mkdirSync(config.stateDir, { recursive: true, mode: 0o700 });
  const logFile = path.join(config.stateDir, 'daemon.log');
  const out = openSync(logFile, 'a', 0o600);
  const child = spawn(process.execPath, [script, 'run'], {
    detached: true,
    stdio: ['ignore', out, out],
    env,
  });
  child.unref();
  for (let i = 0; i < 100; i++) {
    await sleep(100);
    if (readPid(config.pidFile) === child.pid) {
      process.stdout.write(`livestatus-daemon started (pid ${child.pid}, log ${logFile})\n`);
      return 0;
    }
    if (child.exitCode !== null) break;
  }
  process.stderr.write(`livestatus-daemon did not start; see ${logFile}\n`);
  return 1;
}

export async function stopCommand(env: NodeJS.ProcessEnv): Promise<number> {
  const config = configOrExit(env, false);
  if (!config) return 2;
  const pid = runningPid(config.pidFile);
  if (pid === undefined) {
    process.stdout.write('livestatus-daemon is not running\n');
    return 0;
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 150; i++) {
    await sleep(100);
    if (!isAlive(pid)) {
      process.stdout.write(`livestatus-daemon stopped (pid ${pid})\n`);
      return 0;
    }
  }
  process.stderr.write(`livestatus-daemon (pid ${pid}) did not stop within 15 s\n`);
  return 1;
}

export async function statusCommand(env: NodeJS.ProcessEnv): Promise<number> {
  const config = configOrExit(env, false);
  if (!config) return 2;
  const pid = runningPid(config.pidFile);
  if (pid === undefined) {
    process.stdout.write(`livestatus-daemon is not running (${config.pidFile})\n`);
    return 3;
  }
  process.stdout.write(`livestatus-daemon is running (pid ${pid})\n`);
  if (config.healthPort > 0) {
    try {
      const res = await fetch(`http://127.0.0.1:${config.healthPort}/health`, {
        signal: AbortSignal.timeout(2000),
      });
      process.stdout.write(await res.text());
    } catch {
      process.stdout.write(`health endpoint on port ${config.healthPort} not answering\n`);
    }
  }
  return 0;
}
