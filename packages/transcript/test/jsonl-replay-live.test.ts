import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixturesDir } from '../src/replay/fixtures.ts';
import { loadJsonlFixture } from '../src/replay/jsonl-replay.ts';
import { replayFixture } from '../src/replay/replay-fixture.ts';
import { createSessionSource } from '../src/sources/create-session-source.ts';
import type { SessionSource } from '../src/types.ts';
import { fileEntryIds, record, sorted, tempStateDir, waitFor } from './live-helpers.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function follow(stateDir: string, extra: Parameters<typeof createSessionSource>[0] = {}) {
  const source: SessionSource = createSessionSource({ stateDir, rescanIntervalMs: 50, ...extra });
  const rec = record(source);
  await source.start();
  cleanups.unshift(() => source.close());
  return { source, rec };
}

describe('JSONL era, live replay of real OpenClaw runs', () => {
  for (const fixture of ['v2026.7.35-gateway', 'v2026.7.35-local-basic', 'v2026.7.35-local-probe'] as const) {
    it(`${fixture}: every entry arrives exactly once while OpenClaw-style writes happen`, async () => {
      const { dir, cleanup } = await tempStateDir();
      cleanups.push(cleanup);
      // The source starts before OpenClaw wrote anything: the agent appears during the replay.
      const { source, rec } = await follow(dir);
      let detected = false;
      await replayFixture({
        fixture,
        stateDir: dir,
        speed: 50,
        maxGapMs: 40,
        // OpenClaw needs ~2 s from registering a run to its first transcript write; give the
        // source's rescan the same head start on the agent's first ever registry write.
        onStep: async () => {
          if (!detected) await waitFor('agent detected', () => source.stats().era === 'jsonl');
          detected = true;
        },
      });

      const sessions = await loadJsonlFixture(path.join(fixturesDir, fixture));
      const expected = new Map<string, string[]>();
      for (const s of sessions) {
        if (!s.file) continue;
        expected.set(
          s.key,
          await fileEntryIds(path.join(fixturesDir, fixture, 'agents/main/sessions', s.file.name)),
        );
      }
      await waitFor('all entries', () => {
        const got = rec.idsByKey();
        return [...expected].every(([k, ids]) => (got.get(k)?.length ?? 0) >= ids.length);
      }).catch((err) => {
        const got = rec.idsByKey();
        for (const [k, ids] of expected) console.error(k, 'expected', ids.length, 'got', got.get(k)?.length);
        console.error(rec.problems);
        throw err;
      });
      await waitFor('final registry status', () =>
        sessions.every((s) =>
          rec.changes.some((c) => c.key === s.key && c.record && c.record.status !== 'running'),
        ),
      );
      const got = rec.idsByKey();
      for (const [key, ids] of expected) expect(sorted(got.get(key) ?? []), key).toEqual(sorted(ids));
      // Registry records point into the temp home, never at the fixture's /home/node paths.
      for (const c of rec.changes) {
        if (c.record?.transcript.kind === 'jsonl')
          expect(c.record.transcript.path.startsWith(dir)).toBe(true);
      }
      // The run was seen starting (running + lock) and ending (final status + lock gone).
      const first = sessions[0];
      if (first?.file) {
        const mine = rec.changes.filter((c) => c.key === first.key);
        expect(mine.some((c) => c.record?.status === 'running')).toBe(true);
        expect(mine.some((c) => c.writerActive === true)).toBe(true);
        expect(mine.some((c) => c.writerActive === false)).toBe(true);
      }
      expect(source.stats().era).toBe('jsonl');
      expect(source.stats().malformedLines).toBe(0);
      // Nothing but what OpenClaw writes was left in the sessions folder (no temp files, no locks).
      const left = await readdir(path.join(dir, 'agents/main/sessions'));
      expect(left.filter((n) => n.endsWith('.tmp') || n.endsWith('.lock'))).toEqual([]);
    });
  }
});
