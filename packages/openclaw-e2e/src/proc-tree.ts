// The process groups under a process, from /proc. OpenClaw 9.x starts helper workers (its spawn
// broker) in process groups of their own, so killing our child's group alone can miss them.

import { readdirSync, readFileSync } from 'node:fs';

interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** `Z` for a zombie: dead, only waiting for its parent (or a slow init) to reap it. */
  state: string;
  /** Start time in clock ticks since boot: with the pid, names one process (pids wrap). */
  start: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may contain spaces and parentheses: fields resume after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      pid,
      ppid: Number(fields[1]),
      pgid: Number(fields[2]),
      state: fields[0] ?? '',
      start: fields[19] ?? '',
    };
  } catch {
    return undefined;
  }
}

function allProcs(): ProcInfo[] | undefined {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((name) => readProc(Number(name)) ?? []);
  } catch {
    return undefined;
  }
}

/**
 * Whether any process of group `pgid` still runs. Zombies do not count: on this machine kind
 * init reaps orphans only after a second or more, and kill(-pgid, 0) would count them.
 */
export function groupRunning(pgid: number): boolean {
  const procs = allProcs();
  if (!procs) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return procs.some((p) => p.pgid === pgid && p.state !== 'Z');
}

/** Whether process `pid` exists and is not a zombie. */
export function processRunning(pid: number): boolean {
  const info = readProc(pid);
  return info !== undefined && info.state !== 'Z';
}

/**
 * The process groups of a process tree, followed while it is being stopped. Descendants are
 * remembered as they are seen: one that leaves our group (setsid) just as its parent dies is
 * re-parented to init, out of reach of a fresh walk from the root, but still ours to stop.
 */
export function createTreeWatch(root: number): { groups(): number[] } {
  const known = new Map<number, string>(); // pid → start time
  return {
    groups() {
      const procs = allProcs();
      if (!procs) return [root];
      const byPid = new Map(procs.map((p) => [p.pid, p]));
      const children = new Map<number, ProcInfo[]>();
      for (const info of procs) {
        const list = children.get(info.ppid) ?? [];
        list.push(info);
        children.set(info.ppid, list);
      }
      const alive = [...known].filter(([pid, start]) => byPid.get(pid)?.start === start).map(([pid]) => pid);
      const queue = [root, ...alive];
      const seen = new Set<number>();
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        if (seen.has(next)) continue;
        seen.add(next);
        for (const child of children.get(next) ?? []) {
          known.set(child.pid, child.start);
          queue.push(child.pid);
        }
      }
      const groups = new Set<number>([root]);
      for (const pid of seen) {
        const info = byPid.get(pid);
        if (info && info.state !== 'Z') groups.add(info.pgid);
      }
      return [...groups];
    },
  };
}
