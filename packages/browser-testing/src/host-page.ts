// The Mattermost-like page that hosts the real plugin bundle: React 18.2 and friends as UMD
// globals (as Mattermost gives them to plugins) and the webapp's test/host/host.js
// (`registerPlugin`, a Redux store with posts), all asked for under `/__host/`. Only the page and
// its files: serving them is up to the caller (context.route in tests, the demo's own HTTP
// server), so this module imports nothing from playwright and the demo's bundle can use it.
import { createRequire } from 'node:module';
import path from 'node:path';

/** The UMD globals, in the order the page loads them (each may need the ones before it). */
const GLOBALS = ['react.js', 'react-dom.js', 'redux.js', 'react-redux.js', 'prop-types.js'];

/** The page's HTML; it loads its files from `/__host/` on its own origin. */
export function hostPageHtml(title = 'Mattermost host'): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
${GLOBALS.map((f) => `<script src="/__host/${f}"></script>`).join('\n')}
</head><body style="margin:0"><div id="root"></div><script src="/__host/host.js"></script></body></html>`;
}

/**
 * Host files by the name the page asks for under `/__host/`, from the webapp's own node_modules
 * and test/host; `webappDir` is apps/mm-webapp. Throws if a package does not resolve.
 */
export function hostFiles(webappDir: string): Record<string, string> {
  const req = createRequire(path.join(webappDir, 'package.json'));
  const umd = (pkg: string, file: string) =>
    path.join(path.dirname(req.resolve(`${pkg}/package.json`)), file);
  return {
    'react.js': umd('react', 'umd/react.production.min.js'),
    'react-dom.js': umd('react-dom', 'umd/react-dom.production.min.js'),
    'redux.js': umd('redux', 'dist/redux.min.js'),
    'react-redux.js': umd('react-redux', 'dist/react-redux.min.js'),
    'prop-types.js': umd('prop-types', 'prop-types.min.js'),
    'host.js': path.join(webappDir, 'test', 'host', 'host.js'),
  };
}
