// Test-only: replays a real transcript through parseEntry + reduce, the way a source and the
// tracker feed the reducer, and projects views onto what a status box shows.
import { createLabeler } from '../labels/labeler.ts';
import type { SessionView, TranscriptEntry } from '../types.ts';
import { reduce } from './reduce.ts';
import { fixtureEntries, type TranscriptName } from './test-fixtures.ts';
import { initialView } from './view.ts';

export const labeler = createLabeler();

export function viewFor(
  entries: TranscriptEntry[],
  init: { key?: string; label?: string } = {},
): SessionView {
  const header = entries[0];
  const start = entries.find((e) => e.timestamp > 0)?.timestamp ?? 0;
  return initialView({
    key: init.key ?? 'agent:main:test',
    sessionId: header?.type === 'session' ? header.id : 'unknown',
    agent: 'main',
    startedAt: start,
    ...(init.label ? { label: init.label } : {}),
  });
}

export function replay(entries: TranscriptEntry[], init: { key?: string; label?: string } = {}): SessionView {
  return entries.reduce((v, e) => reduce(v, e, { labeler }), viewFor(entries, init));
}

/** The last view of every turn in the file, in order. */
export function turnsOf(name: TranscriptName, init: { key?: string; label?: string } = {}): SessionView[] {
  const entries = fixtureEntries(name);
  const turns: SessionView[] = [];
  let v = viewFor(entries, init);
  for (const e of entries) {
    const next = reduce(v, e, { labeler });
    if (next.turn !== v.turn) turns.push(v);
    v = next;
  }
  turns.push(v);
  return turns;
}

/** What a box shows of each line: kind, tool, label/text, status. */
export function shown(view: SessionView): string[] {
  return view.lines.map((l) => {
    if (l.kind === 'text') return `text: ${l.text}`;
    if (l.kind === 'note') return `note(${l.note}): ${l.text}`;
    return `tool ${l.tool} | ${l.label} | ${l.status}${l.detail ? ` (${l.detail})` : ''}${l.childKey ? ` -> ${l.childKey}` : ''}`;
  });
}

/** Raw totals straight from the file's JSON, to check the reducer's sums independently. */
export function usageTotals(objects: Record<string, unknown>[]): { tokens: number; cost: number } {
  let tokens = 0;
  let cost = 0;
  for (const o of objects) {
    const m = o.message as
      | { role?: string; usage?: { totalTokens?: number; cost?: { total?: number } } }
      | undefined;
    if (o.type === 'message' && m?.role === 'assistant') {
      tokens += m.usage?.totalTokens ?? 0;
      cost += m.usage?.cost?.total ?? 0;
    }
  }
  return { tokens, cost };
}
