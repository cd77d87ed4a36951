#!/usr/bin/env node
// Runs the bundled daemon CLI (dist/cli.js, built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  process.stderr.write('livestatus-daemon: not built yet — run `npm run build` (in the repository root)\n');
  process.exit(1);
}
const { main } = await import(dist.href);
process.exitCode = await main(process.argv.slice(2), process.env, fileURLToPath(import.meta.url));
