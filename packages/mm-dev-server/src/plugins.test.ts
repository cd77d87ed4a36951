import { gzipSync } from 'node:zlib';
import { createTar } from 'nanotar';
import { describe, expect, it } from 'vitest';
import { extractPluginArchive, fnv64a, validateManifest } from './plugins.ts';

describe('plugin archives', () => {
  it('extracts a small archive every time (regression: pooled Buffers made nanotar read foreign memory)', () => {
    for (let i = 0; i < 3; i++) {
      const archive = gzipSync(createTar([{ name: 'p/plugin.json', data: '{}' }]));
      expect([...extractPluginArchive(archive).keys()]).toEqual(['plugin.json']);
    }
  });

  it('strips one top-level folder but keeps a flat layout', () => {
    const flat = gzipSync(
      createTar([
        { name: 'plugin.json', data: '{}' },
        { name: 'webapp/main.js', data: 'x' },
      ]),
    );
    expect([...extractPluginArchive(flat).keys()].sort()).toEqual(['plugin.json', 'webapp/main.js']);
  });

  it('drops entries that climb out with ..', () => {
    const evil = gzipSync(
      createTar([
        { name: '../evil.js', data: 'x' },
        { name: 'plugin.json', data: '{}' },
      ]),
    );
    expect([...extractPluginArchive(evil).keys()].some((k) => k.split('/').includes('..'))).toBe(false);
  });

  it('validates ids, names and versions as model.Manifest.IsValid does', () => {
    expect(() => validateManifest({ id: 'ab', name: 'x' })).toThrow();
    expect(() => validateManifest({ id: 'com.x', name: '' })).toThrow();
    expect(() => validateManifest({ id: 'com.x', name: 'X', version: '1.0' })).toThrow();
    expect(validateManifest({ id: 'com.x', name: 'X', version: '1.0.0' }).id).toBe('com.x');
  });

  it('hashes with 64-bit FNV-1a', () => {
    expect(fnv64a(new Uint8Array())).toBe('cbf29ce484222325');
    expect(fnv64a(new TextEncoder().encode('a'))).toBe('af63dc4c8601ec8c');
  });
});
