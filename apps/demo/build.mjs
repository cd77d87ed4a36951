// esbuild bundle of the demo (`npm start` runs dist/demo.js), set up like the daemon's and the
// TUI's builds (scripts/bundle-node-app.mjs).
import { bundleNodeApp } from '../../scripts/bundle-node-app.mjs';

export async function buildDemo() {
  await bundleNodeApp({
    entry: new URL('./src/main.ts', import.meta.url).pathname,
    outfile: new URL('./dist/demo.js', import.meta.url).pathname,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildDemo();
