// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLUGIN_ID } from './manifest.ts';

const manifest = JSON.parse(readFileSync(new URL('../plugin.json', import.meta.url), 'utf8'));

describe('plugin.json', () => {
  it('is a webapp-only manifest with the id the bundle registers under', () => {
    expect(manifest.id).toBe(PLUGIN_ID);
    expect(manifest.webapp).toEqual({ bundle_path: 'webapp/dist/main.js' });
    expect(manifest.server).toBeUndefined();
    expect(manifest.name).toBeTruthy();
  });

  it('carries strict semver versions, as the server validates them', () => {
    const semver = /^\d+\.\d+\.\d+$/;
    expect(manifest.version).toMatch(semver);
    expect(manifest.min_server_version).toMatch(semver);
  });

  it('keeps its version in step with package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(manifest.version).toBe(pkg.version);
  });
});
