// esbuild bundle of the TUI CLI (scripts/bundle-node-app.mjs): workspace packages bundled from
// their TS source; ink and react stay external (one React copy shared with Ink).
import { bundleNodeApp } from '../../scripts/bundle-node-app.mjs';

await bundleNodeApp({
  entry: new URL('./src/cli.tsx', import.meta.url).pathname,
  outfile: new URL('./dist/cli.js', import.meta.url).pathname,
});
