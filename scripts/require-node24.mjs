// Fails fast when a script runs on anything but Node 24: the daemon relies on node:sqlite and
// zlib.zstdDecompressSync, which older Node lacks. `npm ci` installs Node 24 from the npm registry
// (the root devDependency "node") and npm scripts put it first on PATH, so this only trips when a
// script is run outside npm or before `npm ci`.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `Live Status needs Node 24, but this is Node ${process.version} (${process.execPath}).\n` +
      'Run it through npm so the pinned Node 24 from node_modules is used:\n' +
      '  npm ci            # installs Node 24 into node_modules/.bin\n' +
      '  npm start | npm test | npm run <script>\n' +
      'or put Node 24 on PATH yourself (e.g. `nvm use` reads .nvmrc).',
  );
  process.exit(1);
}
