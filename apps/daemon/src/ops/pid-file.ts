// Single instance through PID_FILE (seed default /tmp/status-watcher.pid). A file whose pid is
// dead — or alive but not a livestatus daemon after a reboot recycled it — is stale and replaced.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';

export function readPid(file: string): number | undefined {
  try {
    const n = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is the pid a running daemon (as far as /proc can tell)? */
function looksLikeDaemon(pid: number): boolean {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /livestatus|status-watcher|cli\.js/.test(cmd);
  } catch {
    return true; // no /proc: trust the pid
  }
}

/** The pid of a running daemon recorded in the file, if any. */
export function runningPid(file: string): number | undefined {
  const pid = readPid(file);
  return pid !== undefined && pid !== process.pid && isAlive(pid) && looksLikeDaemon(pid) ? pid : undefined;
}

export type Acquire = { ok: true; release: () => void } | { ok: false; pid: number };

export function acquirePidFile(file: string): Acquire {
  const other = runningPid(file);
  if (other !== undefined) return { ok: false, pid: other };
  try {
    writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // Stale file (dead pid): replace it. A race with another starting daemon is settled by re-reading.
    writeFileSync(file, `${process.pid}\n`);
    const again = readPid(file);
    if (again !== process.pid && again !== undefined && isAlive(again)) return { ok: false, pid: again };
  }
  return {
    ok: true,
    release() {
      if (readPid(file) === process.pid) {
        try {
          unlinkSync(file);
        } catch {}
      }
    },
  };
}
