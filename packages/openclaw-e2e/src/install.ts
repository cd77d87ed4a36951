// Installs the real `openclaw` npm package into a cache outside the workspace (it is ~330 MB and
// needs Node 24, so it cannot be a dependency): once per version, guarded by a lock and a marker
// written only after a complete install.

import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { withDirLock } from './lock.ts';
import { envWithNode, nodeFor } from './node.ts';
import type { OpenClawVersion } from './versions.ts';

export interface OpenClawInstall {
  version: OpenClawVersion;
  /** `<dir>/node_modules/.bin/openclaw`; run it as `nodeBin bin …` (or with `nodeBin`'s dir first on PATH). */
  bin: string;
  /** The Node 24 binary to run it with. */
  nodeBin: string;
  /** The install folder (`<cache>/<version>`). */
  dir: string;
}

export interface EnsureOptions {
  /** Cache root; default `LIVESTATUS_OPENCLAW_CACHE` or `~/.cache/livestatus/openclaw`. */
  cacheDir?: string;
  /** Progress lines (install start/end); default silent. */
  log?: (line: string) => void;
  /** How long to wait for another process's install of the same version. */
  lockTimeoutMs?: number;
}

const MARKER = '.livestatus-installed.json';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.LIVESTATUS_OPENCLAW_CACHE || join(homedir(), '.cache', 'livestatus', 'openclaw');
}

async function isComplete(dir: string, version: OpenClawVersion): Promise<boolean> {
  try {
    const marker = JSON.parse(await readFile(join(dir, MARKER), 'utf8')) as { version?: string };
    const pkg = JSON.parse(await readFile(join(dir, 'node_modules', 'openclaw', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return marker.version === version && pkg.version === version;
  } catch {
    return false;
  }
}

function npmInstall(dir: string, version: OpenClawVersion, nodeBin: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['install', `openclaw@${version}`, '--no-audit', '--no-fund'], {
      cwd: dir,
      env: envWithNode(nodeBin, process.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) =>
      reject(new Error(`cannot start npm to install openclaw@${version}: ${error.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`npm install openclaw@${version} in ${dir} failed (exit ${code}):\n${output}`));
    });
  });
}

/** Installs `openclaw@version` into the cache unless a complete install is there; returns how to run it. */
export async function ensureOpenClaw(
  version: OpenClawVersion,
  options: EnsureOptions = {},
): Promise<OpenClawInstall> {
  const nodeBin = nodeFor(version);
  const root = options.cacheDir ?? defaultCacheDir();
  const dir = join(root, version);
  const result: OpenClawInstall = {
    version,
    bin: join(dir, 'node_modules', '.bin', 'openclaw'),
    nodeBin,
    dir,
  };
  if (await isComplete(dir, version)) return result;
  await mkdir(root, { recursive: true });
  await withDirLock(
    join(root, `.${version}.lock`),
    { timeoutMs: options.lockTimeoutMs ?? 600_000 },
    async () => {
      // Another process may have finished while we waited for the lock.
      if (await isComplete(dir, version)) return;
      await mkdir(dir, { recursive: true });
      // Own package.json so npm never walks up into an unrelated project.
      await writeFile(
        join(dir, 'package.json'),
        `${JSON.stringify({ name: 'livestatus-openclaw-cache', private: true })}\n`,
      );
      const started = Date.now();
      options.log?.(`installing openclaw@${version} into ${dir}`);
      await npmInstall(dir, version, nodeBin);
      await writeFile(join(dir, MARKER), JSON.stringify({ version, installedAt: new Date().toISOString() }));
      options.log?.(`installed openclaw@${version} in ${Math.round((Date.now() - started) / 1000)} s`);
    },
  );
  return result;
}
