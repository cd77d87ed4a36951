// The daemon and the TUI as the user would run them: their built bins, on this Node 24, as child
// processes. The daemon runs in a process group of its own so that a Ctrl-C in the terminal
// reaches only the demo, which then stops it with SIGTERM (its graceful stop) and waits for it.

import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { daemonBin, tuiBin } from './repo-paths.ts';

export interface Child {
  pid: number;
  /** Exit code, or the signal name when killed. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<number | string>;
}

function track(child: ChildProcess, what: string): Child {
  if (child.pid === undefined) throw new Error(`could not start ${what}`);
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return {
    pid: child.pid,
    exited,
    async stop(graceMs = 10_000) {
      if (!done) child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!done) child.kill('SIGKILL');
      }, graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** `livestatus-daemon run`, stdout and stderr appended to `logFile`. */
export function spawnDaemon(env: Record<string, string>, logFile: string): Child {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(process.execPath, [daemonBin, 'run'], {
      env,
      stdio: ['ignore', fd, fd],
      detached: true,
    });
    return track(child, 'the daemon');
  } finally {
    closeSync(fd);
  }
}

/** `livestatus --state-dir <home>` on this terminal. */
export function spawnTui(env: Record<string, string>, openclawHome: string): Child {
  const child = spawn(process.execPath, [tuiBin, '--state-dir', openclawHome], { env, stdio: 'inherit' });
  return track(child, 'the terminal UI');
}
