import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquirePidFile, readPid } from './pid-file.ts';

describe('pid file', () => {
  it('takes a free pid file and removes it on release', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ls-pid-')), 'd.pid');
    const a = acquirePidFile(file);
    expect(a.ok).toBe(true);
    expect(readPid(file)).toBe(process.pid);
    if (a.ok) a.release();
    expect(existsSync(file)).toBe(false);
  });

  it('replaces a stale pid file whose process is dead', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ls-pid-')), 'd.pid');
    const dead = spawnSync('true').pid;
    writeFileSync(file, `${dead}\n`);
    const a = acquirePidFile(file);
    expect(a.ok).toBe(true);
    expect(readPid(file)).toBe(process.pid);
  });

  it('ignores a garbage pid file', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ls-pid-')), 'd.pid');
    writeFileSync(file, 'not a pid');
    expect(acquirePidFile(file).ok).toBe(true);
  });
});
