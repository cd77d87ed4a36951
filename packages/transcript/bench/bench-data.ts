// Realistic bench inputs built from the real fixture transcripts: lines are real, only ids are
// made unique per copy (the sources de-duplicate by entry id).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir } from '../src/replay/fixtures.ts';

export function realTranscriptLines(): string[] {
  const out: string[] = [];
  for (const fixture of ['v2026.7.35-gateway', 'v2026.7.35-local-basic', 'v2026.7.35-local-probe']) {
    const dir = path.join(fixturesDir, fixture, 'agents/main/sessions');
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.jsonl') || name.endsWith('.trajectory.jsonl')) continue;
      for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n'))
        if (line.trim()) out.push(line);
    }
  }
  return out;
}

/** Real lines repeated until `targetBytes`, ids (and parent ids) suffixed per copy. */
export function largeTranscript(targetBytes: number): Buffer {
  const lines = realTranscriptLines().filter((l) => !l.startsWith('{"type":"session"'));
  const parts: string[] = [];
  let size = 0;
  for (let copy = 0; size < targetBytes; copy++) {
    for (const line of lines) {
      const obj = JSON.parse(line) as { id?: string; parentId?: string | null };
      if (obj.id) obj.id = `${obj.id}-${copy}`;
      if (obj.parentId) obj.parentId = `${obj.parentId}-${copy}`;
      const text = `${JSON.stringify(obj)}\n`;
      parts.push(text);
      size += Buffer.byteLength(text);
    }
  }
  return Buffer.from(parts.join(''));
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] as number;
}
