// Property tests: real transcripts cut, split and salted with junk never make the parser or the
// reducer throw, and junk never hides a valid entry that follows it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../types.ts';
import { parseEntry } from './parse-entry.ts';
import { reduce } from './reduce.ts';
import { labeler, replay, viewFor } from './replay.test-support.ts';
import { fixtureEntries, readFixture, TRANSCRIPTS, type TranscriptName } from './test-fixtures.ts';

const NAMES = Object.keys(TRANSCRIPTS) as TranscriptName[];

function reduceLines(lines: string[], start: SessionView): { view: SessionView; malformed: number } {
  let view = start;
  let malformed = 0;
  for (const line of lines) {
    const r = parseEntry(line);
    if (r.ok) view = reduce(view, r.entry, { labeler });
    else malformed++;
  }
  return { view, malformed };
}

/** Frames chunks into complete lines like a tailer: a line is only used once its newline arrived. */
function frame(chunks: string[]): string[] {
  const lines: string[] = [];
  let pending = '';
  for (const c of chunks) {
    pending += c;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.trim() !== ''));
  }
  return lines;
}

const junk = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '{',
    '}',
    '{"type":"message"}',
    '{"type":"message","id":"z","message":5}',
    'null',
    '[]',
    '{"type":42}',
    '\u0000\u0001',
  ),
  fc.json(),
);

describe('parseEntry + reduce under damage', () => {
  it('random splits into reads give the same view as the whole file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.array(fc.nat(), { maxLength: 30 }), (name, cuts) => {
        const text = readFixture(TRANSCRIPTS[name]);
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
        const start = viewFor(fixtureEntries(name));
        expect(reduceLines(frame(chunks), start).view).toEqual(replay(fixtureEntries(name)));
      }),
      { numRuns: 150 },
    );
  });

  it('junk lines anywhere are counted and every valid entry is still reduced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(
          fc.tuple(
            fc.nat(),
            junk.map((j) => j.replace(/\n/g, ' ')),
          ),
          { maxLength: 12 },
        ),
        (name, inserts) => {
          const lines = readFixture(TRANSCRIPTS[name])
            .split('\n')
            .filter((l) => l.trim() !== '');
          const salted = [...lines];
          let added = 0;
          for (const [pos, j] of inserts) {
            if (j.trim() === '' || parseEntry(j).ok) continue;
            salted.splice(pos % (salted.length + 1), 0, j);
            added++;
          }
          const start = viewFor(fixtureEntries(name));
          const { view, malformed } = reduceLines(salted, start);
          expect(malformed).toBe(added);
          expect(view).toEqual(replay(fixtureEntries(name)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a truncated file (cut anywhere, also inside a UTF-8 character) never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.nat(), (name, cut) => {
        const bytes = Buffer.from(readFixture(TRANSCRIPTS[name]), 'utf8');
        const prefix = bytes.subarray(0, cut % (bytes.length + 1)).toString('utf8');
        const lines = prefix.split('\n').filter((l) => l.trim() !== '');
        const { view } = reduceLines(lines, viewFor(fixtureEntries(name)));
        expect(['active', 'done', 'error']).toContain(view.state);
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary JSON values as entries never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.anything(), { maxLength: 20 }), (values) => {
        const lines = values.map((v) => {
          try {
            return JSON.stringify(v) ?? 'undefined';
          } catch {
            return 'x';
          }
        });
        expect(() => reduceLines(lines, viewFor([]))).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
