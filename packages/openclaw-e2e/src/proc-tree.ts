// The process groups under a process, from /proc. OpenClaw 9.x starts helper workers (its spawn
// broker) in process groups of their own, so killing our child's group alone can miss them.

import { readdirSync, readFileSync } from 'node:fs';

interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** `Z` for a zombie: dead, only waiting for its parent (or a slow init) to reap it. */
  state: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may contain spaces and parentheses: fields resume after the last ')'
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), pgid: Number(fields[2]), state: fields[0] ?? '' };
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

/** Process group ids of `root`'s descendants (not `root`'s own), empty where /proc is unavailable. */
export function descendantGroups(root: number): number[] {
  const procs = allProcs();
  if (!procs) return [];
  const children = new Map<number, ProcInfo[]>();
  for (const info of procs) {
    const list = children.get(info.ppid) ?? [];
    list.push(info);
    children.set(info.ppid, list);
  }
  const groups = new Set<number>();
  const queue = [root];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const child of children.get(next) ?? []) {
      groups.add(child.pgid);
      queue.push(child.pid);
    }
  }
  groups.delete(root);
  return [...groups];
}
