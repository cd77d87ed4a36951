// Drives the replays of a demo: every bundled real OpenClaw run, written live into the demo's
// OpenClaw home the way OpenClaw writes (replayFixture), round after round with --loop.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { replayFixture } from '@livestatus/transcript';
import { type GatewayHold, holdLikeAGateway } from './gateway-hold.ts';
import { JSONL_AGENT, pauseMs, type ReplayRun, roundPlan } from './plan.ts';

/** The daemon and the TUI look for new agent folders every 5 s (their default rescan). */
export const NEW_AGENT_DISCOVERY_MS = 5_500;

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

export interface RunReplaysOptions {
  /** The OpenClaw state directory the daemon and the TUI watch. */
  stateDir: string;
  speed: number;
  loop: boolean;
  signal: AbortSignal;
  sleep?: Sleep;
  /** Told when a run starts (tests and the log follow along). */
  onRun?: (run: ReplayRun, round: number) => void;
  /** Told when every run of a round has been written. */
  onRoundDone?: (round: number) => void;
}

async function lane(
  runs: ReplayRun[],
  round: number,
  o: RunReplaysOptions,
  sleep: Sleep,
  holds: GatewayHold[],
): Promise<void> {
  for (const [i, run] of runs.entries()) {
    if (i > 0) await sleep(pauseMs(o.speed), o.signal);
    o.onRun?.(run, round);
    let held = false;
    await replayFixture({
      fixture: run.fixture,
      stateDir: o.stateDir,
      agent: run.agent,
      speed: o.speed,
      signal: o.signal,
      // Live elapsed times: the recorded run is moved into the present.
      retime: true,
      onStep: async () => {
        if (held || run.era !== 'sqlite') return;
        held = true;
        holds.push(holdLikeAGateway(o.stateDir, run.agent));
        // The run has just marked its session running in a new agent folder; give the daemon and
        // the TUI time to find it, so they follow the turn live instead of finding it finished
        // (a finished turn found later is history, and the daemon posts no box for history).
        await sleep(NEW_AGENT_DISCOVERY_MS, o.signal);
      },
    });
  }
}

/** Runs until aborted (then resolves quietly); rejects if a replay fails. */
export async function runReplays(o: RunReplaysOptions): Promise<void> {
  const sleep = o.sleep ?? realSleep;
  const holds: GatewayHold[] = [];
  try {
    for (let round = 1; round === 1 || o.loop; round++) {
      if (round > 1) {
        await sleep(pauseMs(o.speed) * 2, o.signal);
        // A JSONL replay starts each transcript with one write of its first lines; over the file of
        // the previous round that would look like an in-place rewrite of the same entries. OpenClaw
        // starts new sessions in new files: clear the folder so the next round does the same.
        await rm(path.join(o.stateDir, 'agents', JSONL_AGENT, 'sessions'), { recursive: true, force: true });
      }
      await lane(roundPlan(round), round, o, sleep, holds);
      o.onRoundDone?.(round);
    }
    // Like a gateway that keeps running, the databases stay open until the demo stops.
    await new Promise<void>((resolve) => {
      if (o.signal.aborted) resolve();
      o.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } catch (err) {
    if (!o.signal.aborted) throw err;
  } finally {
    for (const hold of holds) hold.release();
  }
}
