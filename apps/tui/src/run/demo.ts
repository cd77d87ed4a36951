// `--demo`: a real OpenClaw run (the bundled gateway fixture: a sub-agent, a slow thread run with
// compaction, a 60 000-line tool output and a provider error) replayed live into a temporary
// OpenClaw state directory, which is removed afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ReplayScenario, replayFixture } from '@livestatus/transcript';

export const DEMO_SCENARIO: ReplayScenario = 'v2026.7.35-gateway';

export interface Demo {
  stateDir: string;
  /** Settles when the replay has written everything (or was stopped). */
  finished: Promise<void>;
  /** Stops the replay and removes the temporary state directory. */
  dispose(): Promise<void>;
}

export async function startDemo(options: { speed?: number; maxGapMs?: number } = {}): Promise<Demo> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'livestatus-demo-'));
  const stop = new AbortController();
  const finished = replayFixture({
    fixture: DEMO_SCENARIO,
    stateDir,
    speed: options.speed ?? 2,
    maxGapMs: options.maxGapMs ?? 1500,
    signal: stop.signal,
  }).catch((err: unknown) => {
    if (!stop.signal.aborted) throw err;
  });
  return {
    stateDir,
    finished,
    async dispose() {
      stop.abort();
      await finished.catch(() => undefined);
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
