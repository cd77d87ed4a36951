// Where the real parts live: the built daemon CLI and the packaged webapp plugin. Missing builds
// are failures naming the command to run (never skips: the suite exists to drive these).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const daemonBin = path.join(repoRoot, 'apps/daemon/bin/livestatus-daemon.mjs');
const daemonDist = path.join(repoRoot, 'apps/daemon/dist/cli.js');
const webappDist = path.join(repoRoot, 'apps/mm-webapp/dist');

export function requireDaemonBuild(): void {
  if (!existsSync(daemonDist))
    throw new Error(`the daemon is not built (${daemonDist}): run \`npx turbo run build\` in ${repoRoot}`);
}

/** The plugin package `npm run package -w apps/mm-webapp` produced. */
export function pluginPackage(): string {
  const tar = existsSync(webappDist)
    ? readdirSync(webappDist).find((f) => /^com\.openclaw\.livestatus-.*\.tar\.gz$/.test(f))
    : undefined;
  if (!tar)
    throw new Error(`no webapp plugin package in ${webappDist}: run \`npm run package -w apps/mm-webapp\``);
  return path.join(webappDist, tar);
}
