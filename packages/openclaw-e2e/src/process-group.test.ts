import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processRunning } from './proc-tree.ts';
import { spawnGroup } from './process-group.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Pids wrap quickly on a busy machine (pid_max 32768 here): identify a process by pid + start time.
function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
const sameProcessRunning = (pid: number, started: string | undefined) =>
  processRunning(pid) && startTime(pid) === started;

describe('spawnGroup', () => {
  it('kills grandchildren with the group', async () => {
    // The shell starts a background sleeper and prints its pid, then waits.
    const child = spawnGroup('sh', ['-c', 'sleep 60 & echo "bg=$!"; wait'], { cwd: '/', env: process.env });
    await child.waitForOutput(/bg=\d+/, 5000);
    const bg = Number(/bg=(\d+)/.exec(child.stdout())?.[1]);
    const started = startTime(bg);
    expect(sameProcessRunning(bg, started)).toBe(true);
    await child.kill(2000);
    expect(sameProcessRunning(bg, started)).toBe(false);
  });

  it('also kills descendants that moved to a process group of their own', async () => {
    const child = spawnGroup('sh', ['-c', 'setsid sleep 60 & echo "bg=$!"; wait'], {
      cwd: '/',
      env: process.env,
    });
    await child.waitForOutput(/bg=\d+/, 5000);
    const bg = Number(/bg=(\d+)/.exec(child.stdout())?.[1]);
    const started = startTime(bg);
    expect(sameProcessRunning(bg, started)).toBe(true);
    await child.kill(2000);
    expect(sameProcessRunning(bg, started)).toBe(false);
  });

  it('also kills a descendant that leaves the group while the kill is under way', async () => {
    // On SIGTERM the inner shell moves into a session of its own (as a helper may do just as the
    // first walk of the tree saw it in our group) while the outer shell dies and orphans it.
    const inner = 'trap "exec setsid sleep 60" TERM; echo ready; while :; do sleep 0.05; done';
    const child = spawnGroup('sh', ['-c', `sh -c '${inner}' & echo "bg=$!"; wait`], {
      cwd: '/',
      env: process.env,
    });
    await child.waitForOutput(/ready/, 5000);
    const bg = Number(/bg=(\d+)/.exec(child.stdout())?.[1]);
    const started = startTime(bg);
    await child.kill(2000);
    expect(sameProcessRunning(bg, started)).toBe(false);
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
