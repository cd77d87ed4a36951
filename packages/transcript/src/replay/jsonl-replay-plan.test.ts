import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEntry } from '../core/parse-entry.ts';
import { fixturesDir } from './fixtures.ts';
import { loadJsonlFixture } from './jsonl-replay.ts';
import { planJsonlReplay } from './jsonl-replay-plan.ts';

describe('JSONL replay plan (how OpenClaw writes a run)', () => {
  it('registers the run, takes the lock, defers the first write until the first assistant message, then appends line by line', async () => {
    const sessions = await loadJsonlFixture(path.join(fixturesDir, 'v2026.7.35-local-basic'));
    const steps = planJsonlReplay(sessions);
    expect(steps.map((s) => s.kind).slice(0, 3)).toEqual(['registry', 'lock', 'write']);
    const writes = steps.filter((s) => s.kind === 'write');
    const first = writes[0];
    if (first?.kind !== 'write') throw new Error('no write');
    const firstLines = first.text
      .trimEnd()
      .split('\n')
      .map((l) => parseEntry(l));
    expect(first.append).toBe(false);
    expect(firstLines[0]?.ok && firstLines[0].entry.type).toBe('session');
    const last = firstLines.at(-1);
    expect(last?.ok && last.entry.type === 'message' && last.entry.message.role).toBe('assistant');
    expect(
      firstLines
        .slice(0, -1)
        .some((r) => r.ok && r.entry.type === 'message' && r.entry.message.role === 'assistant'),
    ).toBe(false);
    for (const w of writes.slice(1)) {
      if (w.kind !== 'write') continue;
      expect(w.append).toBe(true);
      expect(w.text.split('\n').filter(Boolean)).toHaveLength(1);
    }
    // The whole file is written exactly, in order.
    const text = writes.map((w) => (w.kind === 'write' ? w.text : '')).join('');
    expect(text).toBe(sessions[0]?.file?.text);
    expect(
      steps
        .slice(-2)
        .map((s) => s.kind)
        .sort(),
    ).toEqual(['lock', 'registry']);
    const end = steps.at(-1);
    expect(end?.kind === 'registry' ? end.running : end?.kind === 'lock' && end.present).toBe(false);
  });
});
