// Where the demo finds the built parts of the product. The demo runs as `apps/demo/dist/demo.js`
// (or from `apps/demo/src` under vitest), so the checkout is three folders up either way. Each
// part is used as a user would get it: the daemon's and the TUI's bins, the packaged plugin, and
// the webapp engineers' host page with the UMD builds of their own React 18.2.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const webappDir = path.join(repoRoot, 'apps', 'mm-webapp');

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

/** Files the host page loads, by the name it asks for under `/__host/`. */
export function hostFiles(): Record<string, string> {
  const require = createRequire(path.join(webappDir, 'package.json'));
  const pkgFile = (pkg: string, file: string) =>
    path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
  return {
    'react.js': pkgFile('react', 'umd/react.production.min.js'),
    'react-dom.js': pkgFile('react-dom', 'umd/react-dom.production.min.js'),
    'redux.js': pkgFile('redux', 'dist/redux.min.js'),
    'react-redux.js': pkgFile('react-redux', 'dist/react-redux.min.js'),
    'prop-types.js': pkgFile('prop-types', 'prop-types.min.js'),
    'host.js': path.join(webappDir, 'test', 'host', 'host.js'),
  };
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
    for (const file of Object.values(hostFiles())) need(file, 'npm ci');
  } catch (err) {
    missing.push(`the webapp's host libraries: ${(err as Error).message} (npm ci)`);
  }
  return missing;
}
