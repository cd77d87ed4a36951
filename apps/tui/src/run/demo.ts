// `--demo`: a real OpenClaw run (the bundled gateway fixture: a sub-agent, a slow thread run with
// compaction, a 60 000-line tool output and a provider error) replayed live into a temporary
// OpenClaw state directory, which is removed afterwards.
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ReplayScenario, replayFixture } from '@livestatus/transcript';

export const DEMO_SCENARIO: ReplayScenario = 'v2026.7.35-gateway';

export interface Demo {
  stateDir: string;
  /** Starts the replay; settles when it has written everything (or was stopped). */
  play(): Promise<void>;
  /** Stops the replay and removes the temporary state directory; rethrows a replay failure. */
  dispose(): Promise<void>;
  /** For a signal handler that must finish before the process ends: stop and remove, now. */
  disposeNow(): void;
}

export async function prepareDemo(options: { speed?: number; maxGapMs?: number } = {}): Promise<Demo> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'livestatus-demo-'));
  // An installed OpenClaw that has not run yet: the agent and its empty registry exist, so the
  // source follows the agent from its first write instead of finding it on a later rescan.
  const sessionsDir = path.join(stateDir, 'agents', 'main', 'sessions');
  await mkdir(sessionsDir, { recursive: true });
  await writeFile(path.join(sessionsDir, 'sessions.json'), '{}');
  const stop = new AbortController();
  let playing: Promise<void> | undefined;
  return {
    stateDir,
    play() {
      playing ??= replayFixture({
        fixture: DEMO_SCENARIO,
        stateDir,
        speed: options.speed ?? 1,
        // The run happens now: live elapsed times and quiet notes, not "3h".
        retime: true,
        maxGapMs: options.maxGapMs ?? 1500,
        signal: stop.signal,
      }).catch((err: unknown) => {
        if (!stop.signal.aborted) throw err;
      });
      return playing;
    },
    disposeNow() {
      stop.abort();
      rmSync(stateDir, { recursive: true, force: true });
    },
    async dispose() {
      stop.abort();
      try {
        await playing;
      } finally {
        await rm(stateDir, { recursive: true, force: true });
      }
    },
  };
}
