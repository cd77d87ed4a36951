// SessionViews of the real OpenClaw fixtures, built the way the daemon and the TUI build them
// (parseEntry + reduce + nestSubagents; replayed by @livestatus/transcript/testing).
import { nestSubagents, type SessionView } from '@livestatus/transcript';
import { turnsOf as replayTurns, type TranscriptName } from '@livestatus/transcript/testing';

type FixtureName = TranscriptName;

/** The last view of every turn of a transcript, in order (keyed by the fixture: the goldens show it). */
function turnsOf(name: FixtureName, init: { key?: string } = {}): SessionView[] {
  return replayTurns(name, { key: init.key ?? `agent:main:${name}` });
}

/** The spawn turn of a parent with its child drawn under the sessions_spawn call. */
export function nestedTurn(parent: FixtureName, child: FixtureName): SessionView {
  const spawn = turnsOf(parent)[0];
  if (!spawn) throw new Error(`${parent}: no turn`);
  const childKey =
    spawn.lines.find((l) => l.kind === 'tool' && l.childKey)?.kind === 'tool'
      ? (spawn.lines.find((l) => l.kind === 'tool' && l.childKey) as { childKey: string }).childKey
      : undefined;
  if (!childKey) throw new Error(`${parent}: no sessions_spawn result with a child key`);
  const childView = turnsOf(child, { key: childKey }).at(-1);
  if (!childView) throw new Error(`${child}: no turn`);
  return nestSubagents(spawn, new Map([[childKey, childView]]));
}

/** Every scenario a golden is kept for: name -> view. */
export function fixtureScenarios(): Array<[string, SessionView]> {
  const out: Array<[string, SessionView]> = [];
  const add = (name: string, views: SessionView[]) => {
    views.forEach((v, i) => {
      out.push([views.length > 1 ? `${name}-turn${i + 1}` : name, v]);
    });
  };
  for (const name of ['probe735', 'basic735', 'slow735', 'big735', 'error735', 'basic96'] as const)
    add(name, turnsOf(name));
  out.push(['subagent735-nested', nestedTurn('parent735', 'child735')]);
  out.push(['subagent735-announce', turnsOf('parent735')[1] as SessionView]);
  out.push(['subagent96-nested', nestedTurn('parent96', 'child96')]);
  return out;
}

/** The clock for a golden: a finished turn is drawn a minute later (elapsed must not move). */
export function goldenNow(view: SessionView): number {
  return (view.endedAt ?? view.lastActivityAt) + 60_000;
}
