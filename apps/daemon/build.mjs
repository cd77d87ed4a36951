// esbuild bundle of the daemon CLI: workspace packages (@livestatus/*) are bundled from their TS
// source; every third-party package stays external (resolved from node_modules at run time).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const thirdPartyExternal = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@livestatus/') ? undefined : { path: args.path, external: true },
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
  define: { __LIVESTATUS_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
