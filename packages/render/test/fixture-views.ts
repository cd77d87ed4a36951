// SessionViews of the real OpenClaw fixtures, built only through @livestatus/transcript's public
// API (parseEntry + reduce + nestSubagents), the way the daemon and the TUI build them.
import fs from 'node:fs';
import path from 'node:path';
import {
  createLabeler,
  fixturesDir,
  initialView,
  nestSubagents,
  parseEntry,
  reduce,
  type SessionView,
  type TranscriptEntry,
} from '@livestatus/transcript';

const labeler = createLabeler();
const GATEWAY = 'v2026.7.35-gateway/agents/main/sessions';

export const TRANSCRIPTS = {
  probe735: 'v2026.7.35-local-probe/agents/main/sessions/probe-1.jsonl',
  basic735:
    'v2026.7.35-local-basic/agents/main/sessions/91a91807-da8d-4e09-8cac-722a3462075f-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl',
  parent735: `${GATEWAY}/bdfc5e57-4378-44e5-a914-5fd7a66a4ab3.jsonl`,
  child735: `${GATEWAY}/cb64a89e-c843-4457-b239-294d89aa69a6.jsonl`,
  slow735: `${GATEWAY}/d15efd32-173e-47e7-921e-be080eced864-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl`,
  big735: `${GATEWAY}/1c51c392-0f95-4349-b638-c3339b0a4590.jsonl`,
  error735: `${GATEWAY}/117e450a-e699-4275-8656-80fe777f765d.jsonl`,
  basic96: 'v2026.9.6-sqlite-local-basic/export/transcripts/c0a18a3e-66ed-4eae-b705-d14b1d48b6b0.jsonl',
  parent96: 'v2026.9.6-sqlite-gateway-subagent/export/transcripts/44920d39-5015-4bb9-903a-f7e7081c58c5.jsonl',
  child96: 'v2026.9.6-sqlite-gateway-subagent/export/transcripts/583ced98-5de1-4f65-bef1-2a8d19bca309.jsonl',
} as const;
export type FixtureName = keyof typeof TRANSCRIPTS;

export function entriesOf(name: FixtureName): TranscriptEntry[] {
  const text = fs.readFileSync(path.join(fixturesDir, TRANSCRIPTS[name]), 'utf8');
  const entries: TranscriptEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const r = parseEntry(line);
    if (!r.ok) throw new Error(`${name}: ${r.error}`);
    entries.push(r.entry);
  }
  return entries;
}

/** The last view of every turn of a transcript, in order. */
export function turnsOf(name: FixtureName, init: { key?: string; label?: string } = {}): SessionView[] {
  const entries = entriesOf(name);
  const header = entries[0];
  let v = initialView({
    key: init.key ?? `agent:main:${name}`,
    sessionId: header?.type === 'session' ? header.id : name,
    agent: 'main',
    startedAt: entries.find((e) => e.timestamp > 0)?.timestamp ?? 0,
    ...(init.label ? { label: init.label } : {}),
  });
  const turns: SessionView[] = [];
  for (const e of entries) {
    const next = reduce(v, e, { labeler });
    if (next.turn !== v.turn) turns.push(v);
    v = next;
  }
  turns.push(v);
  return turns;
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
