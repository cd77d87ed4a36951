// OpenClaw gateway:startup hook: start the Live Status daemon detached unless the PID file shows
// it running. Runs inside the gateway process, so it must never throw and never block.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}

/** KEY=VALUE lines (systemd EnvironmentFile style); comments and blanks ignored. */
export function parseEnvFile(text) {
  const env = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    let value = line.slice(eq + 1).trim();
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    env[line.slice(0, eq).trim()] = value;
  }
  return env;
}

export function isRunning(pidFile) {
  let pid;
  try {
    pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Start the daemon unless it runs; returns what it did (for logs and tests). */
export function ensureDaemon(options = {}) {
  const install = { ...readJson(path.join(here, 'install.json')), ...options };
  const fileEnv =
    install.envFile && existsSync(install.envFile) ? parseEnvFile(readFileSync(install.envFile, 'utf8')) : {};
  const env = { ...process.env, ...fileEnv, ...(install.env ?? {}) };
  const pidFile = env.PID_FILE || '/tmp/status-watcher.pid';
  if (isRunning(pidFile)) return { started: false, reason: 'running' };
  if (!install.daemonBin || !existsSync(install.daemonBin))
    return { started: false, reason: 'daemon not installed (run install.sh)' };
  const stateDir = env.STATE_DIR || path.join(homedir(), '.local', 'state', 'livestatus');
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const out = openSync(path.join(stateDir, 'daemon.log'), 'a', 0o600);
  const child = spawn(install.node || process.execPath, [install.daemonBin, 'run'], {
    detached: true,
    stdio: ['ignore', out, out],
    env,
  });
  child.unref();
  return { started: true, pid: child.pid };
}

export default async function handler(event) {
  if (event && event.type !== undefined && !(event.type === 'gateway' && event.action === 'startup')) return;
  try {
    const r = ensureDaemon();
    if (r.started) console.log(`[status-watcher-hook] started livestatus daemon (pid ${r.pid})`);
    else if (r.reason !== 'running') console.warn(`[status-watcher-hook] not started: ${r.reason}`);
  } catch (err) {
    console.warn(`[status-watcher-hook] could not start the daemon: ${err?.message ?? err}`);
  }
}
