// Shared by the live suites: a temp OpenClaw home, a recorder of what a source emitted, and
// waiting for a condition with a deadline (a deadline that fails the test, not a speed assertion).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEntry } from '../src/core/parse-entry.ts';
import type { SessionChange, SessionSource } from '../src/types.ts';

export async function tempStateDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'livestatus-oc-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface Recorder {
  changes: SessionChange[];
  problems: Array<{ message: string; path?: string }>;
  /** Entry ids received per session key, in order, duplicates kept. */
  idsByKey(): Map<string, string[]>;
  stop(): void;
}

export function record(source: SessionSource): Recorder {
  const changes: SessionChange[] = [];
  const problems: Array<{ message: string; path?: string }> = [];
  const offChange = source.onChange((c) => changes.push(c));
  const offProblem = source.onProblem((p) => problems.push(p));
  return {
    changes,
    problems,
    idsByKey() {
      const m = new Map<string, string[]>();
      for (const c of changes) {
        const list = m.get(c.key) ?? [];
        for (const e of c.entries) list.push(e.id);
        m.set(c.key, list);
      }
      return m;
    },
    stop() {
      offChange();
      offProblem();
    },
  };
}

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Entry ids of a real transcript file, in file order. */
export async function fileEntryIds(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = parseEntry(l);
      if (!r.ok) throw new Error(`fixture line does not parse: ${r.error}`);
      return r.entry.id;
    });
}

export const sorted = (xs: string[]) => [...xs].sort();
