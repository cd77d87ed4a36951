// One esbuild set-up for every Node entry point of the repo (the daemon, TUI and demo bins, and
// the bench runner): workspace packages (@livestatus/*) are bundled from their TypeScript source,
// third-party packages stay external and resolve from node_modules at run time, unless `bundled`
// says otherwise (the daemon bundles React to keep only its production build).
import { build } from 'esbuild';

const WORKSPACE = /^@livestatus\//;

/** esbuild plugin: bare imports external unless they are workspace packages or match `bundled`. */
export function thirdPartyExternal(bundled = WORKSPACE) {
  return {
    name: 'third-party-external',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) =>
        WORKSPACE.test(args.path) || bundled.test(args.path)
          ? undefined
          : { path: args.path, external: true },
      );
    },
  };
}

/**
 * Bundles `entry` to `outfile` for Node 24 (ESM, source maps).
 * @param {{ entry: string, outfile: string, bundled?: RegExp, define?: Record<string, string>, sourcemap?: boolean | 'inline', banner?: string }} o
 */
export async function bundleNodeApp(o) {
  await build({
    entryPoints: [o.entry],
    outfile: o.outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    jsx: 'automatic',
    sourcemap: o.sourcemap ?? true,
    plugins: [thirdPartyExternal(o.bundled)],
    ...(o.define ? { define: o.define } : {}),
    ...(o.banner ? { banner: { js: o.banner } } : {}),
    logLevel: 'error',
  });
}
