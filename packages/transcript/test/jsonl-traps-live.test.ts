// Every JSONL-era trap from design §2, on real fixture lines, with a source following the folder.
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixturesDir } from '../src/replay/fixtures.ts';
import { writeSessionsJsonAtomic } from '../src/replay/sessions-json-writer.ts';
import { createSessionSource } from '../src/sources/create-session-source.ts';
import type { SessionSource } from '../src/types.ts';
import { fileEntryIds, type Recorder, record, sorted, tempStateDir, waitFor } from './live-helpers.ts';

const GATEWAY = path.join(fixturesDir, 'v2026.7.35-gateway');
const GATEWAY_SESSIONS = path.join(GATEWAY, 'agents/main/sessions');
const THREAD_KEY =
  'agent:main:mattermost:channel:4xk9pq7wbjdo8rj3n5s1mct6ue:thread:8z1yq3mhsfn5pcd7e4u9wqx2ka';
const THREAD_FILE = 'd15efd32-173e-47e7-921e-be080eced864-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl';
const BIG_FILE = '1c51c392-0f95-4349-b638-c3339b0a4590.jsonl';
const BASIC_FILE = '91a91807-da8d-4e09-8cac-722a3462075f-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl';

let dir: string;
let sessionsDir: string;
let source: SessionSource;
let rec: Recorder;
let cleanup: () => Promise<void>;
let fixtureRegistry: Record<string, Record<string, unknown>>;

function registryFor(key: string, file: string, extra: Record<string, unknown> = {}) {
  const entry = fixtureRegistry[THREAD_KEY];
  return {
    [key]: {
      ...entry,
      sessionFile: path.join(sessionsDir, file),
      status: 'running',
      updatedAt: Date.now(),
      ...extra,
    },
  };
}

const lines = async (file: string, from = GATEWAY_SESSIONS) =>
  (await readFile(path.join(from, file), 'utf8'))
    .split('\n')
    .filter((l) => l)
    .map((l) => `${l}\n`);

beforeEach(async () => {
  ({ dir, cleanup } = await tempStateDir());
  sessionsDir = path.join(dir, 'agents', 'main', 'sessions');
  await mkdir(sessionsDir, { recursive: true });
  fixtureRegistry = JSON.parse(await readFile(path.join(GATEWAY_SESSIONS, 'sessions.json'), 'utf8'));
  await writeSessionsJsonAtomic(
    path.join(sessionsDir, 'sessions.json'),
    registryFor(THREAD_KEY, THREAD_FILE),
  );
  source = createSessionSource({ transcriptDir: sessionsDir, debounceMs: 10 });
  rec = record(source);
  await source.start();
});
afterEach(async () => {
  await source.close();
  await cleanup();
});

const ids = () => rec.idsByKey().get(THREAD_KEY) ?? [];

describe('JSONL traps', () => {
  it('a half-written sessions.json keeps the last good registry; the renamed full one wins', async () => {
    const full = JSON.stringify(registryFor(THREAD_KEY, THREAD_FILE, { label: 'after' }), null, 2);
    // A torn copy-fallback write: half the file in place, then the atomic rename of the full one.
    await writeFile(path.join(sessionsDir, 'sessions.json'), full.slice(0, full.length / 2));
    await waitFor('torn registry reported', () =>
      rec.problems.some((p) => /keeping the last good/.test(p.message)),
    );
    expect(rec.changes.some((c) => c.removed)).toBe(false);
    await writeFile(path.join(sessionsDir, 'sessions.json.123.abc.tmp'), full);
    const { rename } = await import('node:fs/promises');
    await rename(
      path.join(sessionsDir, 'sessions.json.123.abc.tmp'),
      path.join(sessionsDir, 'sessions.json'),
    );
    await waitFor('new record', () => rec.changes.some((c) => c.record?.label === 'after'));
    expect(rec.changes.some((c) => c.removed)).toBe(false);
  });

  it('an in-place rewrite that shrinks the file is re-read and nothing is doubled', async () => {
    const file = path.join(sessionsDir, THREAD_FILE);
    const compacted = await readFile(path.join(GATEWAY_SESSIONS, THREAD_FILE), 'utf8');
    await writeFile(file, compacted);
    const all = await fileEntryIds(path.join(GATEWAY_SESSIONS, THREAD_FILE));
    await waitFor('compacted thread', () => ids().length === all.length);
    // removeTrailingEntries-style non-atomic rewrite: same path, shorter content.
    const shorter = await readFile(path.join(GATEWAY, 'thread-d15efd32-before-compaction.jsonl'), 'utf8');
    await writeFile(file, shorter.split('\n').slice(0, 4).join('\n').concat('\n'));
    await waitFor('rewrite reported', () => rec.changes.some((c) => c.key === THREAD_KEY && c.rewritten));
    // Appends continue after the rewrite; an entry already seen is not delivered again.
    const tail = compacted
      .split('\n')
      .filter((l) => l)
      .slice(4);
    for (const l of tail) await appendFile(file, `${l}\n`);
    await new Promise((r) => setTimeout(r, 200));
    expect(sorted(ids())).toEqual(sorted(all));
  });

  it('a rewrite that keeps the size but changes the first bytes is detected', async () => {
    const file = path.join(sessionsDir, THREAD_FILE);
    const [header, ...rest] = await lines(THREAD_FILE);
    await writeFile(file, [header, ...rest.slice(0, 3)].join(''));
    await waitFor('4 entries', () => ids().length === 4);
    // Header normalisation rewrites the first line (here: same length, different bytes).
    const changedHeader = (header as string).replace('"version":3', '"version":4');
    await writeFile(file, [changedHeader, ...rest.slice(0, 3)].join(''));
    await appendFile(file, rest[3] as string);
    await waitFor('rewrite', () => rec.changes.some((c) => c.rewritten));
    await waitFor('5 entries', () => ids().length === 5);
    expect(new Set(ids()).size).toBe(5);
  });

  it('a partial last line is buffered, never an error, and a UTF-8 character split across writes survives', async () => {
    const file = path.join(sessionsDir, THREAD_FILE);
    const all = await lines(
      BASIC_FILE,
      path.join(fixturesDir, 'v2026.7.35-local-basic/agents/main/sessions'),
    );
    const unicodeLine = all.find((l) => /[^\x00-\x7f]/.test(l));
    if (!unicodeLine) throw new Error('fixture has no multi-byte line');
    await writeFile(file, all[0] as string);
    await waitFor('header', () => ids().length === 1);
    const bytes = Buffer.from(unicodeLine);
    const firstMulti = bytes.findIndex((b) => b >= 0x80);
    // Cut inside the multi-byte sequence.
    await appendFile(file, bytes.subarray(0, firstMulti + 1));
    await new Promise((r) => setTimeout(r, 150));
    expect(ids()).toHaveLength(1);
    expect(source.stats().malformedLines).toBe(0);
    await appendFile(file, bytes.subarray(firstMulti + 1));
    await waitFor('unicode entry', () => ids().length === 2);
    const entry = rec.changes.flatMap((c) => c.entries).at(-1);
    const expected = JSON.parse(unicodeLine) as { id: string };
    expect(entry?.id).toBe(expected.id);
    expect(JSON.stringify(entry)).not.toContain('\ufffd');
    expect(rec.problems).toEqual([]);
  });

  it('a 75 KB line written in three pieces arrives as one entry', async () => {
    const file = path.join(sessionsDir, THREAD_FILE);
    const big = await lines(BIG_FILE);
    const longest = big.reduce((a, b) => (Buffer.byteLength(b) > Buffer.byteLength(a) ? b : a));
    expect(Buffer.byteLength(longest)).toBeGreaterThan(75_000);
    const buf = Buffer.from(longest);
    const third = Math.floor(buf.length / 3);
    for (const part of [buf.subarray(0, third), buf.subarray(third, 2 * third), buf.subarray(2 * third)]) {
      await appendFile(file, part);
      await new Promise((r) => setTimeout(r, 30));
    }
    await waitFor('big entry', () => ids().length === 1);
    expect(ids()[0]).toBe((JSON.parse(longest) as { id: string }).id);
    expect(source.stats().malformedLines).toBe(0);
  });

  it('*.tmp and *.lock are never read as transcripts; the lock reports the writer', async () => {
    await writeFile(path.join(sessionsDir, `${THREAD_FILE}.tmp`), 'not json at all\n');
    await writeFile(path.join(sessionsDir, 'sessions.json.999.uuid.tmp'), '{"torn":');
    await writeFile(path.join(sessionsDir, `${THREAD_FILE}.lock`), '{"pid":1}\n');
    await waitFor('writer active', () => rec.changes.some((c) => c.writerActive === true));
    const { rm } = await import('node:fs/promises');
    await rm(path.join(sessionsDir, `${THREAD_FILE}.lock`));
    await waitFor('writer gone', () => rec.changes.some((c) => c.writerActive === false));
    expect(source.stats().malformedLines).toBe(0);
    expect(rec.problems).toEqual([]);
    expect(rec.changes.every((c) => c.key === THREAD_KEY)).toBe(true);
  });

  it('rotation to a new sessionFile under the same key continues with the new file', async () => {
    await writeFile(path.join(sessionsDir, THREAD_FILE), (await lines(THREAD_FILE)).slice(0, 3).join(''));
    await waitFor('old file', () => ids().length === 3);
    const next = 'bdfc5e57-4378-44e5-a914-5fd7a66a4ab3.jsonl';
    await writeFile(path.join(sessionsDir, next), await readFile(path.join(GATEWAY_SESSIONS, next), 'utf8'));
    await writeSessionsJsonAtomic(path.join(sessionsDir, 'sessions.json'), registryFor(THREAD_KEY, next));
    const nextIds = await fileEntryIds(path.join(GATEWAY_SESSIONS, next));
    await waitFor('rotated', () =>
      rec.changes.some((c) => c.rewritten && c.entries.length === nextIds.length),
    );
    const rotated = rec.changes.find((c) => c.rewritten);
    expect(rotated?.record?.transcript).toEqual({ kind: 'jsonl', path: path.join(sessionsDir, next) });
    expect(rotated?.entries.map((e) => e.id)).toEqual(nextIds);
  });
});
