// Which bundled OpenClaw runs the demo replays, into which agent folder, in which order. Pure.
//
// One run after another, the JSONL era first. Runs never overlap: the JSONL runs all belong to
// agent `main` and share its sessions.json, which each replay rewrites whole, and the runs of both
// eras were recorded in the same channel and thread, so they share session keys — two at once
// would be mixed into one session, while one after another each is a new turn of that session,
// as it would be for a real agent. The eras are not interleaved: once a SQLite run has shown a key,
// a later JSONL turn of the same key would be a session moving between storage eras, which no
// real gateway does. Each SQLite run gets an agent folder never used before (a
// replay copies its database in place, which must not happen under an open reader).
import { type ReplayScenario, type ReplayScenarioInfo, replayScenarios } from '@livestatus/transcript';

export interface ReplayRun {
  fixture: ReplayScenario;
  /** Agent folder under `<state dir>/agents/`. */
  agent: string;
  era: 'jsonl' | 'sqlite';
}

/** The JSONL replays read their fixture's own agent folder, which is `main` in every bundled run. */
export const JSONL_AGENT = 'main';

/** `v2026.9.6-sqlite-local-basic`, round 2 -> `sqlite-local-basic-2`. */
export function sqliteAgent(fixture: string, round: number): string {
  const name = fixture.replace(/^v[\d.]+-/, '');
  return round > 1 ? `${name}-${round}` : name;
}

export function roundPlan(
  round: number,
  scenarios: readonly ReplayScenarioInfo[] = replayScenarios,
): ReplayRun[] {
  const runs: ReplayRun[] = [];
  for (const s of scenarios) {
    if (s.era === 'jsonl') runs.push({ fixture: s.name, agent: JSONL_AGENT, era: 'jsonl' });
  }
  for (const s of scenarios) {
    if (s.era === 'sqlite') runs.push({ fixture: s.name, agent: sqliteAgent(s.name, round), era: 'sqlite' });
  }
  return runs;
}

/** Pause between two runs (ms) at a replay speed. */
export function pauseMs(speed: number): number {
  return Math.round(Math.min(3000, 3000 / speed));
}
