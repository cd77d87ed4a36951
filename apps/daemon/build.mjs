// esbuild bundle of the daemon CLI (scripts/bundle-node-app.mjs). React picks its development
// build at run time unless NODE_ENV is "production", and NODE_ENV is unset under systemd and in a
// shell (slower, more memory). Bundling React with NODE_ENV defined keeps only the production
// build in the bundle, for both bins, however dist/cli.js is started — without setting NODE_ENV in
// the process, where it would leak into every child process the daemon spawns (systemctl, openclaw).
import { readFileSync } from 'node:fs';
import { bundleNodeApp } from '../../scripts/bundle-node-app.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

await bundleNodeApp({
  entry: new URL('./src/cli.ts', import.meta.url).pathname,
  outfile: new URL('./dist/cli.js', import.meta.url).pathname,
  // React and the packages that choose a build by NODE_ENV like it (one copy, in the bundle).
  bundled: /^(react$|react\/|react-reconciler($|\/)|scheduler($|\/))/,
  define: {
    __LIVESTATUS_VERSION__: JSON.stringify(pkg.version),
    'process.env.NODE_ENV': '"production"',
  },
});
