// The turns a consumer (daemon, TUI) sees when the real 7.35 gateway run is replayed live, as in
// the demo: the parent spawns a sub-agent, then runs its announce turn; a slow thread run; a DM;
// a provider 500. Every real turn gets exactly one start and one end with its real final state,
// and no box is left active. Source and tracker are wired the way apps/daemon wires them.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createLabeler } from '../src/labels/labeler.ts';
import { replayFixture } from '../src/replay/replay-fixture.ts';
import { createSessionSource } from '../src/sources/create-session-source.ts';
import { createTracker, type TurnEvent } from '../src/tracker/tracker.ts';
import { tempStateDir } from './live-helpers.ts';

const CHANNEL = 'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue';
const NAMES: Record<string, string> = {
  [CHANNEL]: 'parent',
  [`${CHANNEL}:thread:8z1yq3mhsfn5pcd7e4u9wqx2ka`]: 'thread',
  'agent:main:subagent:a7d49975-dd6e-4f54-a48c-2eea97a86fca': 'child',
  'agent:main:mattermost:direct:u7gq1m3kx5f8bq2ncw9ta4zr6e': 'dm',
  'agent:main:explicit:error-case': 'provider-500',
};

/** Per session: its starts and ends, plus any update that showed an ended turn active again. */
function turnsByKey(events: TurnEvent[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const ended = new Set<string>();
  for (const e of events) {
    const name = NAMES[e.key] ?? e.key;
    const list = out[name] ?? [];
    out[name] = list;
    const id = `${e.key}#${e.turn}`;
    if (e.type === 'turn-start') list.push(`start #${e.turn}`);
    if (e.type === 'turn-end') {
      list.push(`end #${e.turn} ${e.view.state}`);
      ended.add(id);
    }
    if (e.type === 'turn-update' && ended.has(id) && e.view.state === 'active')
      list.push(`reopened #${e.turn}`);
  }
  return out;
}

it('replaying the 7.35 gateway run gives each real turn one start and one end, and leaves nothing active', async () => {
  const { dir, cleanup } = await tempStateDir();
  // A gateway that ran before: the agent folder and its registry exist when the source starts.
  await mkdir(path.join(dir, 'agents/main/sessions'), { recursive: true });
  await writeFile(path.join(dir, 'agents/main/sessions/sessions.json'), '{}');
  const source = createSessionSource({ stateDir: dir });
  const tracker = createTracker({ labeler: createLabeler(), since: Date.now() });
  const events: TurnEvent[] = [];
  source.onChange((c) => events.push(...tracker.apply(c, Date.now())));
  await source.start();
  const ticker = setInterval(() => events.push(...tracker.tick(Date.now())), 100);
  try {
    await replayFixture({ fixture: 'v2026.7.35-gateway', stateDir: dir, speed: 50, retime: true });
    // The last registry write and lock removal are read, and the stop grace period (5 s) passes.
    await new Promise((r) => setTimeout(r, 6_000));
  } finally {
    clearInterval(ticker);
    await source.close();
    await cleanup();
  }
  expect(turnsByKey(events)).toEqual({
    parent: ['start #1', 'end #1 done', 'start #2', 'end #2 done'],
    thread: ['start #1', 'end #1 done'],
    dm: ['start #1', 'end #1 done'],
    'provider-500': ['start #1', 'end #1 error'],
  });
  // The spawn turn's box runs from its user message to its last answer, not "0s" (the replayed
  // registry's startedAt is the announce run's).
  const spawnTurn = events.find((e) => e.key === CHANNEL && e.turn === 1 && e.type === 'turn-end')!.view;
  expect(spawnTurn.endedAt! - spawnTurn.startedAt).toBeGreaterThan(0);
  expect(
    tracker
      .sessions()
      .filter((s) => s.view?.state === 'active')
      .map((s) => s.key),
  ).toEqual([]);
}, 60_000);
