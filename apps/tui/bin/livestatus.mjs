#!/usr/bin/env node
// Runs the bundled TUI (dist/cli.js, built by `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(
    `livestatus: needs Node 24 or newer (this is ${process.version}); run it with \`npx livestatus\` from the repository\n`,
  );
  process.exit(1);
}
const dist = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(dist))) {
  process.stderr.write('livestatus: not built yet — run `npm run build` (in the repository root)\n');
  process.exit(1);
}
// React (external, shared with Ink) picks its build from NODE_ENV when first imported: users get
// the production build unless they ask otherwise. The TUI spawns no child that could inherit it.
process.env.NODE_ENV ??= 'production';
const { main } = await import(dist.href);
process.exitCode = await main(process.argv.slice(2), process.env);
