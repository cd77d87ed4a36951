// Runs the built demo as a person would (`node apps/demo/dist/demo.js ...`), reads what it prints,
// and finds every process it started, so a test can prove that Ctrl-C leaves nothing behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export { freeLoopbackPort as freePort } from '@livestatus/openclaw-e2e';

export const demoBundle = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/demo.js');

export interface DemoRun {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `re` in stdout+stderr. */
  waitFor(re: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

export function runDemo(args: string[]): DemoRun {
  const child = spawn(process.execPath, [demoBundle, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor: (re, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = re.exec(out);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${re} in the demo's output:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`the demo exited before printing ${re}:\n${out}`));
          }
        });
        check();
      }),
  };
}

/** Every descendant of `pid` (from /proc), the daemon included even in its own process group. */
export function descendants(pid: number): number[] {
  const all: number[] = [];
  const children = (p: number): number[] => {
    const out: number[] = [];
    for (const task of readdirSync(`/proc/${p}/task`, { withFileTypes: true })) {
      try {
        const text = readFileSync(`/proc/${p}/task/${task.name}/children`, 'utf8').trim();
        if (text) out.push(...text.split(/\s+/).map(Number));
      } catch {
        // the task ended meanwhile
      }
    }
    return out;
  };
  const walk = (p: number) => {
    for (const c of children(p)) {
      all.push(c);
      walk(c);
    }
  };
  walk(pid);
  return all;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
