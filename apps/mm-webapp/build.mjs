// Builds the webapp plugin bundle (dist/main.js) with esbuild. Mattermost gives plugins its own
// React 18.2, ReactDOM, Redux, ReactRedux and PropTypes as window globals; a second React in the
// bundle would break hooks and double the size, so those imports resolve to the globals. The
// automatic JSX runtime (`react/jsx-runtime`, used by our TSX and by @livestatus/render) has no
// global of its own, so it maps to a three-line shim over the host's React.createElement.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

const HOST_GLOBALS = {
  react: 'React',
  'react-dom': 'ReactDOM',
  'react-dom/client': 'ReactDOM',
  redux: 'Redux',
  'react-redux': 'ReactRedux',
  'prop-types': 'PropTypes',
};

const JSX_SHIM = `const R = window.React;
export const Fragment = R.Fragment;
export function jsx(type, props, key) { return R.createElement(type, key === undefined ? props : { ...props, key }); }
export const jsxs = jsx;
export const jsxDEV = jsx;`;

const hostGlobals = {
  name: 'mattermost-host-globals',
  setup(b) {
    b.onResolve({ filter: /^(react|react-dom|react-dom\/client|redux|react-redux|prop-types)$/ }, (a) => ({
      path: a.path,
      namespace: 'host-global',
    }));
    b.onResolve({ filter: /^react\/jsx(-dev)?-runtime$/ }, (a) => ({ path: a.path, namespace: 'jsx-shim' }));
    b.onLoad({ filter: /.*/, namespace: 'host-global' }, (a) => ({
      contents: `module.exports = window.${HOST_GLOBALS[a.path]};`,
      loader: 'js',
    }));
    b.onLoad({ filter: /.*/, namespace: 'jsx-shim' }, () => ({ contents: JSX_SHIM, loader: 'js' }));
    // The terminal host (Ink, react-reconciler) has no place in a browser bundle.
    b.onResolve(
      { filter: /^(ink|ink-.*|react-reconciler)(\/.*)?$|^@livestatus\/render\/(ink|text)$/ },
      (a) => ({
        errors: [
          { text: `${a.path} must not be bundled into the webapp plugin (imported by ${a.importer})` },
        ],
      }),
    );
  },
};

/**
 * Builds the bundle. `outfile` defaults to dist/main.js; returns the bytes and esbuild's
 * metafile so the bench and tests can measure what was shipped.
 */
export async function buildBundle({ outfile = path.join(here, 'dist', 'main.js'), minify = true } = {}) {
  const result = await build({
    entryPoints: [path.join(here, 'src', 'index.tsx')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    minify,
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [hostGlobals],
  });
  const js = result.outputFiles[0]?.contents;
  if (!js) throw new Error('esbuild produced no output');
  mkdirSync(path.dirname(outfile), { recursive: true });
  writeFileSync(outfile, js);
  return { outfile, bytes: js.byteLength, js, metafile: result.metafile };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outfile, bytes } = await buildBundle();
  console.log(`${path.relative(process.cwd(), outfile)} ${(bytes / 1024).toFixed(1)} KiB`);
}
