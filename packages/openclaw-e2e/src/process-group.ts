// Child processes in a process group of their own, so "stop" reaches everything OpenClaw
// started (the gateway re-execs itself, tools run shells) and nothing outlives a test.

import { type ChildProcess, spawn } from 'node:child_process';
import { createTreeWatch, groupRunning } from './proc-tree.ts';

export interface GroupProcess {
  pid: number;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout+stderr match `pattern`; rejects on exit or after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the group is gone. */
  kill(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

// OpenClaw colours its log prefixes even into a pipe (`\x1b[33m[gateway]\x1b[39m ready`).
const ANSI = /\x1b\[[0-9;]*m/g;
export const stripAnsi = (text: string): string => text.replace(ANSI, '');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): GroupProcess {
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`cannot start ${command}`);
  const pid = child.pid;
  let out = '';
  let err = '';
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const watcher of watchers) watcher();
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    notify();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    notify();
  });
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', () => {
      done = true;
      notify();
      resolve(null);
    });
    // 'exit', not 'close': a grandchild that inherited stdout must not delay the exit code;
    // the output still gets a moment to drain.
    child.on('exit', (code) => {
      const closed = new Promise<void>((r) => child.once('close', () => r()));
      void Promise.race([closed, sleep(500)]).then(() => {
        done = true;
        notify();
        resolve(code);
      });
    });
  });

  return {
    pid,
    exited,
    stdout: () => out,
    stderr: () => err,
    waitForOutput(pattern, timeoutMs) {
      return new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (error) reject(error);
          else resolve();
        };
        const check = () => {
          if (pattern.test(stripAnsi(out)) || pattern.test(stripAnsi(err))) finish();
          else if (done)
            finish(new Error(`${command} exited before printing ${pattern}:\n${(out + err).slice(-3000)}`));
        };
        const timer = setTimeout(
          () =>
            finish(
              new Error(`no ${pattern} from ${command} within ${timeoutMs} ms:\n${(out + err).slice(-3000)}`),
            ),
          timeoutMs,
        );
        watchers.add(check);
        check();
      });
    },
    async kill(graceMs = 5000) {
      // Helpers that leave our group (see proc-tree.ts) are found by walking the tree, and
      // re-scanned before every check: one may be leaving right now, after the first walk saw it
      // still in our group (CI: a setsid child outlived the kill).
      const groups = new Set<number>();
      const tree = createTreeWatch(pid);
      const signalNew = (signal: NodeJS.Signals) => {
        for (const group of tree.groups()) {
          if (groups.has(group)) continue;
          groups.add(group);
          signalGroup(group, signal);
        }
      };
      const anyAlive = () => [...groups].some(groupRunning);
      const deadline = Date.now() + graceMs;
      for (;;) {
        signalNew('SIGTERM');
        if (!anyAlive() || Date.now() >= deadline) break;
        await sleep(50);
      }
      signalNew('SIGKILL');
      for (const group of groups) if (groupRunning(group)) signalGroup(group, 'SIGKILL');
      const hardDeadline = Date.now() + 5000;
      while (anyAlive() && Date.now() < hardDeadline) await sleep(20);
      await exited;
    },
  };
}
