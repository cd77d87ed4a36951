// `--demo`: a real OpenClaw run (the bundled gateway fixture: a sub-agent, a slow thread run with
// compaction, a 60 000-line tool output and a provider error) replayed live into a temporary
// OpenClaw state directory, which is removed afterwards.
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type ReplayScenario, replayFixture } from '@livestatus/transcript';
import { runLive } from './live.tsx';
import { createFeed } from './wiring.ts';

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

/** The whole `--demo` mode: prepare, watch live while the replay plays, clean up however it ends. */
export async function runDemo(options: { toolLabelsFile?: string }): Promise<void> {
  const demo = await prepareDemo();
  // Killed while watching: still remove the temp state, then exit as a killed process would.
  // Synchronous, and registered with `on` (not `once`): Ink's exit hook re-raises the signal as
  // soon as no other listener is registered, which would end the process first.
  const stop = (signal: NodeJS.Signals) => {
    demo.disposeNow();
    process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15));
  };
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
  for (const s of signals) process.on(s, stop);
  try {
    const { feed } = createFeed({ ...options, stateDir: demo.stateDir, rescanIntervalMs: 250 });
    await runLive(feed, 'demo: a real OpenClaw gateway run, replayed', () => {
      // Failures surface from dispose() below; an unobserved rejection must not crash the view.
      demo.play().catch(() => undefined);
    });
  } finally {
    for (const s of signals) process.off(s, stop);
    await demo.dispose();
  }
}
