// esbuild bundle of the TUI CLI: workspace packages (@livestatus/*) are bundled from their TS
// source; third-party packages (ink, react, ...) stay external, resolved from node_modules.
import { build } from 'esbuild';

const thirdPartyExternal = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@livestatus/') ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  entryPoints: [new URL('./src/cli.tsx', import.meta.url).pathname],
  outfile: new URL('./dist/cli.js', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  jsx: 'automatic',
  sourcemap: true,
  plugins: [thirdPartyExternal],
  logLevel: 'warning',
});
