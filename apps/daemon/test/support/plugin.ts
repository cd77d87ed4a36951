// A minimal webapp-only plugin directory with our id, so mm-dev-server lists it as active.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function livestatusPluginDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ls-plugin-'));
  mkdirSync(path.join(dir, 'webapp', 'dist'), { recursive: true });
  writeFileSync(
    path.join(dir, 'plugin.json'),
    JSON.stringify({
      id: 'com.openclaw.livestatus',
      name: 'Live Status',
      version: '0.1.0',
      webapp: { bundle_path: 'webapp/dist/main.js' },
    }),
  );
  writeFileSync(
    path.join(dir, 'webapp', 'dist', 'main.js'),
    'window.registerPlugin("com.openclaw.livestatus", {initialize() {}});',
  );
  return dir;
}
