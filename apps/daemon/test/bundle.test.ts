// What the esbuild bundle (dist/cli.js, behind both bins) contains.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appDir, ensureBuilt } from './support/cli-process.ts';

beforeAll(() => ensureBuilt(), 60_000);

describe('the bundle', () => {
  // NODE_ENV is unset under systemd and in a shell, so an external React ran its development
  // build (slower, more memory); build.mjs bundles React's production build instead.
  it('carries React production builds only, for both bins', () => {
    const bundle = readFileSync(path.join(appDir, 'dist/cli.js'), 'utf8');
    expect(bundle).toMatch(/react-reconciler\.production/);
    expect(bundle).not.toMatch(/\.development\.js/);
    expect(bundle).not.toMatch(/from ["']react(-reconciler)?["']/);
  });
});
