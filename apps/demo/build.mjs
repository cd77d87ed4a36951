// esbuild bundle of the demo (`npm start` runs dist/demo.js): workspace packages (@livestatus/*)
// are bundled from their TS source; every third-party package stays external (resolved from
// node_modules at run time), as in the daemon's and the TUI's builds.
import { build } from 'esbuild';

const thirdPartyExternal = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@livestatus/') ? undefined : { path: args.path, external: true },
    );
  },
};

export async function buildDemo() {
  await build({
    entryPoints: [new URL('./src/main.ts', import.meta.url).pathname],
    outfile: new URL('./dist/demo.js', import.meta.url).pathname,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: true,
    plugins: [thirdPartyExternal],
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildDemo();
