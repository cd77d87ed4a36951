// The real built `livestatus` binary, run with the repository's Node 24.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const repoRoot = path.resolve(appDir, '..', '..');
export const binPath = path.join(appDir, 'bin', 'livestatus.mjs');
/** Node 24 from the root devDependency (the machine's own node may be older). */
export const nodePath = (() => {
  const local = path.join(repoRoot, 'node_modules', '.bin', 'node');
  return existsSync(local) ? local : process.execPath;
})();

/** Builds dist/cli.js from the current sources, so the suite never runs a stale bundle. */
export function buildBinary(): void {
  const r = spawnSync(nodePath, [path.join(appDir, 'build.mjs')], { cwd: appDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr || r.stdout}`);
}

export function runBinary(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(nodePath, [binPath, ...args], {
    cwd: appDir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
}
