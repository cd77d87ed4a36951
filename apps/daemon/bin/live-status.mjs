#!/usr/bin/env node
// Deprecated v1 CLI, kept as a pass-through (design §9).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  process.stderr.write('live-status: not built yet — run `npm run build` (in the repository root)\n');
  process.exit(1);
}
const { legacyMain } = await import(dist.href);
const daemon = fileURLToPath(new URL('./livestatus-daemon.mjs', import.meta.url));
process.exitCode = await legacyMain(process.argv.slice(2), process.env, daemon);
