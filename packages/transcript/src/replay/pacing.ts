// Pacing and safety shared by both replays: waits follow the fixture's own timestamps, scaled by
// a speed factor and capped, and every path written is checked to lie inside the state dir.
import path from 'node:path';

export type ReplaySleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: ReplaySleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export interface Pacing {
  /** 1 = real time, 10 = ten times faster, Infinity = no waits. */
  speed: number;
  /** Longest wait between two steps (ms, after scaling). */
  maxGapMs: number;
}

/** The wait before a step at `at` when the previous one was at `prevAt` (fixture times, ms). */
export function gapMs(prevAt: number, at: number, pacing: Pacing): number {
  if (!(pacing.speed > 0) || pacing.speed === Number.POSITIVE_INFINITY) return 0;
  const scaled = Math.max(0, at - prevAt) / pacing.speed;
  return Math.min(scaled, pacing.maxGapMs);
}

/** `target` resolved; throws unless it lies inside `root` (the replay writes nowhere else). */
export function insideRoot(root: string, target: string): string {
  const r = path.resolve(root);
  const t = path.resolve(target);
  if (t !== r && !t.startsWith(r + path.sep)) throw new Error(`replay refused to write outside ${r}: ${t}`);
  return t;
}

/** What both eras' replays take: where to write, how to pace, and a hook after each write. */
export interface ReplayRunOptions<Step> extends Pacing {
  fixtureDir: string;
  stateDir: string;
  agent?: string;
  signal?: AbortSignal;
  sleep: ReplaySleep;
  now: () => number;
  onStep?: (step: Step) => void | Promise<void>;
  /** Shift transcript timestamps by the same offset as the registry (see retime.ts). */
  retime?: boolean;
}
