// webapp_bundle_gzip_kb: the gzipped plugin bundle, built in this run by the same build script
// `npm run build` uses (design §9). The bench runner bundles this file and runs it from the repo
// root, so the app folder is found from the working directory, not from this file's location.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

function appDir(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps', 'mm-webapp');
    if (existsSync(path.join(candidate, 'build.mjs'))) return candidate;
    if (existsSync(path.join(dir, 'build.mjs')) && existsSync(path.join(dir, 'plugin.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('apps/mm-webapp not found from the working directory');
  }
}

export async function run(_opts: { quick: boolean }) {
  const build = await import(pathToFileURL(path.join(appDir(), 'build.mjs')).href);
  const out = mkdtempSync(path.join(tmpdir(), 'livestatus-bundle-'));
  try {
    const { js } = await build.buildBundle({ outfile: path.join(out, 'main.js') });
    const gz = gzipSync(js, { level: 9 }).byteLength;
    return [
      {
        name: 'webapp_bundle_gzip_kb',
        value: Math.round((gz / 1024) * 10) / 10,
        unit: 'KiB',
        goal: { op: '<=' as const, value: 40 },
      },
      { name: 'webapp_bundle_raw_kb', value: Math.round((js.byteLength / 1024) * 10) / 10, unit: 'KiB' },
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
