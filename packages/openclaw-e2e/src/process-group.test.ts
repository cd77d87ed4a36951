import { describe, expect, it } from 'vitest';
import { spawnGroup } from './process-group.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('spawnGroup', () => {
  it('kills grandchildren with the group', async () => {
    // The shell starts a background sleeper and prints its pid, then waits.
    const child = spawnGroup('sh', ['-c', 'sleep 60 & echo "bg=$!"; wait'], { cwd: '/', env: process.env });
    await child.waitForOutput(/bg=\d+/, 5000);
    const bg = Number(/bg=(\d+)/.exec(child.stdout())?.[1]);
    expect(alive(bg)).toBe(true);
    await child.kill(2000);
    expect(alive(bg)).toBe(false);
  });

  it('reports the exit code and output of a finished command', async () => {
    const child = spawnGroup('sh', ['-c', 'echo out; echo err >&2; exit 3'], { cwd: '/', env: process.env });
    expect(await child.exited).toBe(3);
    expect(child.stdout()).toBe('out\n');
    expect(child.stderr()).toBe('err\n');
  });

  it('rejects waitForOutput when the process exits without printing the pattern', async () => {
    const child = spawnGroup('sh', ['-c', 'echo nope'], { cwd: '/', env: process.env });
    await expect(child.waitForOutput(/ready/, 5000)).rejects.toThrow(/exited before printing/);
  });
});
