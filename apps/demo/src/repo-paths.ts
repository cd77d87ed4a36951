// Where the demo finds the built parts of the product. The demo runs as `apps/demo/dist/demo.js`
// (or from `apps/demo/src` under vitest), so the checkout is three folders up either way. Each
// part is used as a user would get it: the daemon's and the TUI's bins, the packaged plugin, and
// the webapp engineers' host page with the UMD builds of their own React 18.2.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostFiles } from '@livestatus/browser-testing/host-page';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** apps/mm-webapp: the plugin package, and the host page's files (`hostFiles`). */
export const webappDir = path.join(repoRoot, 'apps', 'mm-webapp');

export const daemonBin = path.join(repoRoot, 'apps', 'daemon', 'bin', 'livestatus-daemon.mjs');
export const tuiBin = path.join(repoRoot, 'apps', 'tui', 'bin', 'livestatus.mjs');

/** `apps/mm-webapp/dist/com.openclaw.livestatus-<version>.tar.gz` (design §9, plugin package). */
export function pluginPackage(): string {
  const manifest = JSON.parse(readFileSync(path.join(webappDir, 'plugin.json'), 'utf8')) as {
    id: string;
    version: string;
  };
  return path.join(webappDir, 'dist', `${manifest.id}-${manifest.version}.tar.gz`);
}

/** The built parts that are missing, each with the command that makes it. */
export function missingParts(): string[] {
  const missing: string[] = [];
  const need = (file: string, make: string) => {
    if (!existsSync(file)) missing.push(`${path.relative(repoRoot, file)} (${make})`);
  };
  need(path.join(repoRoot, 'apps', 'daemon', 'dist', 'cli.js'), 'npm run build');
  need(path.join(repoRoot, 'apps', 'tui', 'dist', 'cli.js'), 'npm run build');
  need(pluginPackage(), 'npm run package -w apps/mm-webapp');
  try {
    for (const file of Object.values(hostFiles(webappDir))) need(file, 'npm ci');
  } catch (err) {
    missing.push(`the webapp's host libraries: ${(err as Error).message} (npm ci)`);
  }
  return missing;
}
