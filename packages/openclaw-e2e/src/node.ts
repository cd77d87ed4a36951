// OpenClaw needs Node >= 24.15/24.16, while the machine's own `node` may be older. Every
// process we start (npm install, openclaw, its gateway) runs on one checked Node 24 whose
// directory goes first on PATH, so `#!/usr/bin/env node` scripts pick it up too.

import { dirname } from 'node:path';
import { MIN_NODE, type OpenClawVersion } from './versions.ts';

function parse(version: string): [number, number] {
  const [major = '0', minor = '0'] = version.replace(/^v/, '').split('.');
  return [Number(major), Number(minor)];
}

/** The Node binary to run OpenClaw with: the one running us (the repo's Node 24 under npm/vitest). */
export function nodeFor(
  version: OpenClawVersion,
  execPath = process.execPath,
  nodeVersion = process.version,
): string {
  const [major, minor] = parse(nodeVersion);
  const [needMajor, needMinor] = MIN_NODE[version];
  // Both versions also accept a newer major; the repo pins 24.x, so only 24.x is accepted here.
  if (major !== needMajor || minor < needMinor) {
    throw new Error(
      `OpenClaw ${version} needs Node >= ${needMajor}.${needMinor} (24.x); this process runs ${nodeVersion} (${execPath}). ` +
        'Run the tests through npm/npx in the repo so node_modules/.bin/node (Node 24) is used.',
    );
  }
  return execPath;
}

/** Environment with `nodeBin`'s directory first on PATH. */
export function envWithNode(
  nodeBin: string,
  base: NodeJS.ProcessEnv,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return { ...base, ...extra, PATH: `${dirname(nodeBin)}:${base.PATH ?? '/usr/bin:/bin'}` };
}
