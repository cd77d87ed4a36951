// Replays one bundled real OpenClaw run into a temporary OpenClaw state directory, paced by the
// entries' own timestamps: for tests, the TUI `--demo`, the daemon end-to-end suite and `npm start`.
import path from 'node:path';
import { fixturesDir, type ReplayScenario, scenarioInfo } from './fixtures.ts';
import { replayJsonl } from './jsonl-replay.ts';
import type { JsonlReplayStep } from './jsonl-replay-plan.ts';
import { type ReplaySleep, realSleep } from './pacing.ts';
import { replaySqlite, type SqliteReplayStep } from './sqlite-replay.ts';

export interface ReplayOptions {
  fixture: ReplayScenario;
  /** The OpenClaw state directory to write into (nothing is written anywhere else). */
  stateDir: string;
  /** 1 = real time, 10 = ten times faster, Infinity = as fast as possible. Default 1. */
  speed?: number;
  /** Longest wait between two writes after scaling (ms). Default 2000. */
  maxGapMs?: number;
  signal?: AbortSignal;
  /** Injected clock: `now` places the run in time, `sleep` paces it. */
  clock?: { now(): number; sleep: ReplaySleep };
  agent?: string;
  /**
   * Shift the transcript's own timestamps into the present too (the registry always is), so
   * elapsed times read as live. Off by default: tests that compare bytes with the fixture need it off.
   */
  retime?: boolean;
  /** Called after each write (tests assert along the way). */
  onStep?: (step: JsonlReplayStep | SqliteReplayStep) => void | Promise<void>;
}

export async function replayFixture(options: ReplayOptions): Promise<void> {
  const info = scenarioInfo(options.fixture);
  const common = {
    fixtureDir: path.join(fixturesDir, info.name),
    stateDir: options.stateDir,
    speed: options.speed ?? 1,
    maxGapMs: options.maxGapMs ?? 2000,
    sleep: options.clock?.sleep ?? realSleep,
    now: options.clock?.now ?? Date.now,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.agent ? { agent: options.agent } : {}),
    ...(options.retime ? { retime: true } : {}),
    ...(options.onStep ? { onStep: options.onStep } : {}),
  };
  if (info.era === 'jsonl') await replayJsonl(common);
  else await replaySqlite(common);
}
