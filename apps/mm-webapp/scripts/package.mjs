// `npm run package`: dist/com.openclaw.livestatus-<version>.tar.gz in the layout Mattermost
// accepts and its starter template uses — one top-level folder named after the plugin id, holding
// plugin.json and webapp/dist/main.js (server/channels/app/plugin_install.go descends into a single
// top-level folder before looking for the manifest).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { tar } from './tar.mjs';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function packagePlugin({
  bundle = path.join(appDir, 'dist', 'main.js'),
  outDir = path.join(appDir, 'dist'),
} = {}) {
  const manifestText = readFileSync(path.join(appDir, 'plugin.json'), 'utf8');
  const manifest = JSON.parse(manifestText);
  if (!existsSync(bundle))
    throw new Error(`no bundle at ${bundle}: run "npm run build -w apps/mm-webapp" first`);
  const id = manifest.id;
  // A fixed mtime keeps the package byte-identical for identical inputs.
  const archive = tar(
    [
      { name: `${id}/`, dir: true },
      { name: `${id}/plugin.json`, data: Buffer.from(manifestText) },
      { name: `${id}/webapp/`, dir: true },
      { name: `${id}/webapp/dist/`, dir: true },
      { name: `${id}/webapp/dist/main.js`, data: readFileSync(bundle) },
    ],
    1_700_000_000,
  );
  const file = path.join(outDir, `${id}-${manifest.version}.tar.gz`);
  writeFileSync(file, gzipSync(archive, { level: 9 }));
  return { file, id, version: manifest.version };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { file } = packagePlugin();
  console.log(path.relative(process.cwd(), file));
}
