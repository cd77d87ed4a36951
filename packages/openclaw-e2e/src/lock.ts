// A cross-process lock made of a directory (mkdir is atomic), so parallel vitest workers and
// several engineers' test runs never install the same OpenClaw version into one folder at once.
// A lock whose owner pid is dead is taken over.

import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function ownerIsDead(lockDir: string): Promise<boolean> {
  const text = await readFile(join(lockDir, 'owner'), 'utf8').catch(() => null);
  // No owner file yet: the owner is between mkdir and writeFile; treat as alive.
  if (text === null) return false;
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
}

/** Runs `fn` while holding the lock `lockDir`; releases it however `fn` ends. */
export async function withDirLock<T>(
  lockDir: string,
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const pollMs = options.pollMs ?? 250;
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await ownerIsDead(lockDir)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out after ${options.timeoutMs} ms waiting for lock ${lockDir}`);
      await sleep(pollMs);
    }
  }
  await writeFile(join(lockDir, 'owner'), String(process.pid));
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
