// The real built CLI as a child process (what systemd, the hook and users run).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const appDir = path.resolve(import.meta.dirname, '../..');
export const repoRoot = path.resolve(appDir, '../..');
export const node = path.join(repoRoot, 'node_modules/.bin/node');
export const daemonBin = path.join(appDir, 'bin/livestatus-daemon.mjs');
export const legacyBin = path.join(appDir, 'bin/live-status.mjs');

/** `npm test` builds first (turbo); a direct vitest run builds here so the test never runs stale code. */
export function ensureBuilt(): void {
  const r = spawnSync(node, ['build.mjs'], { cwd: appDir, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(path.join(appDir, 'dist/cli.js')))
    throw new Error(`build failed: ${r.stderr}`);
}

/** Async on purpose: mm-dev-server runs in the test process and must keep answering meanwhile. */
export function runCli(
  bin: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [bin, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(bin)} ${args.join(' ')} did not finish in 30 s`));
    }, 30_000);
    child.once('close', (status) => {
      clearTimeout(t);
      resolve({ status, stdout, stderr });
    });
  });
}

export function startCli(
  args: string[],
  env: Record<string, string>,
): ChildProcess & { output: () => string } {
  const child = spawn(node, [daemonBin, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  return Object.assign(child, { output: () => out });
}

export function exited(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`process did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(t);
      resolve(code);
    });
  });
}
