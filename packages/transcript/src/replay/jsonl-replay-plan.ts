// How OpenClaw ≤ 2026.7 writes a run, as a timeline of steps built from a real fixture (pure):
// the registry gains the session as `running` and the `<file>.jsonl.lock` appears when the run
// starts; nothing reaches the transcript until the first assistant message exists, then header,
// model_change, …, user message and that assistant message land in one write; every later entry
// is one append; at the end the registry gets the final entry and the lock goes away.
import { parseEntry } from '../core/parse-entry.ts';

export type JsonlReplayStep =
  | { at: number; kind: 'registry'; key: string; entry: Record<string, unknown>; running: boolean }
  | { at: number; kind: 'lock'; file: string; present: boolean }
  | { at: number; kind: 'write'; file: string; text: string; append: boolean; entryIds: string[] };

export interface JsonlFixtureSession {
  key: string;
  /** Registry entry as the fixture's sessions.json holds it (final state). */
  entry: Record<string, unknown>;
  /** Transcript file name and its exact text, when the fixture has one. */
  file?: { name: string; text: string };
}

interface Line {
  text: string;
  at: number;
  id?: string;
  isAssistant: boolean;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let from = 0;
  let last = 0;
  while (from < text.length) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl + 1;
    const chunk = text.slice(from, end);
    from = end;
    const parsed = parseEntry(chunk);
    let at = last;
    let id: string | undefined;
    let isAssistant = false;
    if (parsed.ok) {
      if (parsed.entry.timestamp > 0) at = parsed.entry.timestamp;
      id = parsed.entry.id;
      isAssistant = parsed.entry.type === 'message' && parsed.entry.message.role === 'assistant';
    }
    last = at;
    out.push({ text: chunk, at, ...(id ? { id } : {}), isAssistant });
  }
  return out;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function planJsonlReplay(sessions: JsonlFixtureSession[]): JsonlReplayStep[] {
  const steps: Array<JsonlReplayStep & { order: number }> = [];
  let order = 0;
  const push = (s: JsonlReplayStep) => steps.push({ ...s, order: order++ });
  for (const s of sessions) {
    const lines = s.file ? splitLines(s.file.text) : [];
    const fallback = num(s.entry.updatedAt) ?? 0;
    const start = lines[0]?.at || num(s.entry.startedAt) || fallback;
    const end = Math.max(lines.at(-1)?.at ?? 0, start) + 1;
    push({ at: start, kind: 'registry', key: s.key, entry: s.entry, running: true });
    if (s.file) {
      const file = s.file.name;
      push({ at: start, kind: 'lock', file, present: true });
      const firstAssistant = lines.findIndex((l) => l.isAssistant);
      const deferred = firstAssistant < 0 ? lines.length : firstAssistant + 1;
      const head = lines.slice(0, deferred);
      if (head.length > 0) {
        push({
          at: head.at(-1)?.at ?? start,
          kind: 'write',
          file,
          text: head.map((l) => l.text).join(''),
          append: false,
          entryIds: head.flatMap((l) => (l.id ? [l.id] : [])),
        });
      }
      for (const l of lines.slice(deferred)) {
        push({ at: l.at, kind: 'write', file, text: l.text, append: true, entryIds: l.id ? [l.id] : [] });
      }
      push({ at: end, kind: 'lock', file, present: false });
    }
    push({ at: end, kind: 'registry', key: s.key, entry: s.entry, running: false });
  }
  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  return steps.map(({ order: _order, ...s }) => s as JsonlReplayStep);
}
