import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withDirLock } from './lock.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withDirLock', () => {
  it('lets only one holder in at a time', async () => {
    const lock = join(await mkdtemp(join(tmpdir(), 'oc-lock-')), 'x.lock');
    let inside = 0;
    let most = 0;
    const holder = () =>
      withDirLock(lock, { timeoutMs: 5000, pollMs: 5 }, async () => {
        inside += 1;
        most = Math.max(most, inside);
        await pause(20);
        inside -= 1;
      });
    await Promise.all([holder(), holder(), holder()]);
    expect(most).toBe(1);
  });

  it('takes over a lock whose owner process is dead', async () => {
    const lock = join(await mkdtemp(join(tmpdir(), 'oc-lock-')), 'x.lock');
    await mkdir(lock);
    // pid 2^22+ is above Linux's pid_max default range for a live process here
    await writeFile(join(lock, 'owner'), '4194303');
    await expect(withDirLock(lock, { timeoutMs: 1000, pollMs: 5 }, async () => 'got it')).resolves.toBe(
      'got it',
    );
  });

  it('gives up with a clear error while a live owner holds it', async () => {
    const lock = join(await mkdtemp(join(tmpdir(), 'oc-lock-')), 'x.lock');
    await mkdir(lock);
    await writeFile(join(lock, 'owner'), String(process.pid));
    await expect(withDirLock(lock, { timeoutMs: 50, pollMs: 5 }, async () => 1)).rejects.toThrow(/timed out/);
  });
});
