import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionsJsonWriter, writeSessionsJsonAtomic } from './sessions-json-writer.ts';

const registry = () => {
  const r: Record<string, { status: string; pad: string }> = {};
  // Big enough that concurrent writes take a while each (an order the OS then picks).
  for (let i = 0; i < 300; i++) r[`k${i}`] = { status: 'done', pad: 'x'.repeat(1000) };
  return r;
};

describe('createSessionsJsonWriter', () => {
  it('leaves the latest registry on disk when runs end at once, round after round', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-registry-writer-'));
    const file = path.join(dir, 'sessions.json');
    const reg = registry();
    const writer = createSessionsJsonWriter(file, () => reg);
    for (let round = 0; round < 30; round++) {
      const keys = ['a', 'b', 'c'].map((k) => `${k}${round}`);
      for (const k of keys) reg[k] = { status: 'running', pad: '' };
      await Promise.all(
        keys.map((k) => {
          reg[k] = { status: 'done', pad: '' };
          return writer.write();
        }),
      );
      const onDisk = JSON.parse(readFileSync(file, 'utf8')) as typeof reg;
      expect(keys.map((k) => onDisk[k]?.status)).toEqual(['done', 'done', 'done']);
    }
    // Pretty-printed, no temp file left behind (what OpenClaw's replaceFileAtomic leaves).
    expect(readFileSync(file, 'utf8').startsWith('{\n  "k0"')).toBe(true);
    expect(readdirSync(dir)).toEqual(['sessions.json']);
  });

  it('goes on after a failed write', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-registry-writer-'));
    const file = path.join(dir, 'sessions.json');
    let snapshot: unknown = { bad: 1n }; // JSON.stringify throws on a BigInt
    const writer = createSessionsJsonWriter(file, () => snapshot);
    await expect(writer.write()).rejects.toThrow(/BigInt/);
    snapshot = { ok: { status: 'done' } };
    await writer.write();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ok: { status: 'done' } });
  });
});

describe('writeSessionsJsonAtomic', () => {
  it('writes the file mode 0600, as OpenClaw does', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ls-registry-writer-'));
    const file = path.join(dir, 'sessions.json');
    await writeSessionsJsonAtomic(file, { k: 1 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
