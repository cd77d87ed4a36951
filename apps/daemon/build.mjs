// esbuild bundle of the daemon CLI: workspace packages (@livestatus/*) are bundled from their TS
// source; every third-party package stays external (resolved from node_modules at run time)
// except React. React picks its development build at run time unless NODE_ENV is "production",
// and NODE_ENV is unset under systemd and in a shell (slower, more memory). Bundling React with
// NODE_ENV defined keeps only the production build in the bundle, for both bins, however
// dist/cli.js is started — without setting NODE_ENV in the process, where it would leak into
// every child process the daemon spawns (systemctl, openclaw).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** React and the packages that choose a build by NODE_ENV like it (one copy, in the bundle). */
const bundled = /^(@livestatus\/|react$|react\/|react-reconciler($|\/)|scheduler($|\/))/;

const thirdPartyExternal = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      bundled.test(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  sourcemap: true,
  plugins: [thirdPartyExternal],
  define: {
    __LIVESTATUS_VERSION__: JSON.stringify(pkg.version),
    'process.env.NODE_ENV': '"production"',
  },
  logLevel: 'warning',
});
