// The tailer on real fixture lines: what a read costs when nothing changed, the kept file handle,
// and the rewrite, partial-line and UTF-8 cases through the one-call anchor + append read.
import { readFileSync } from 'node:fs';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEntry } from '../core/parse-entry.ts';
import { fixturesDir } from '../replay/fixtures.ts';
import { createHandlePool } from './file-handles.ts';
import { createTranscriptTailer, SEEN_IDS_MAX } from './transcript-tailer.ts';

const lines = readFileSync(
  path.join(
    fixturesDir,
    'v2026.7.35-local-basic/agents/main/sessions/91a91807-da8d-4e09-8cac-722a3462075f-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl',
  ),
  'utf8',
)
  .split('\n')
  .filter(Boolean)
  .map((l) => `${l}\n`);
const idOf = (line: string) => (JSON.parse(line) as { id?: string }).id;

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'livestatus-tailer-'));
  file = path.join(dir, 't.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tailerFor = (handles = createHandlePool(8)) =>
  createTranscriptTailer({ path: file, parse: parseEntry, maxInitialBytes: 1 << 20, handles });

describe('transcript tailer', () => {
  it('a read that finds the file as the last one left it reads no bytes (settle re-reads cost a stat)', async () => {
    await writeFile(file, lines.slice(0, 3).join(''));
    const tailer = tailerFor();
    expect((await tailer.read()).entries).toHaveLength(3);
    const again = await tailer.read();
    expect(again).toMatchObject({ entries: [], bytesRead: 0, rewritten: false, missing: false });
    await appendFile(file, lines[3] as string);
    const next = await tailer.read();
    expect(next.entries.map((e) => e.id)).toEqual([idOf(lines[3] as string)]);
    await tailer.release();
  });

  it('keeps one file handle open between reads and gives it back on release', async () => {
    await writeFile(file, lines.slice(0, 2).join(''));
    const handles = createHandlePool(8);
    const tailer = tailerFor(handles);
    await tailer.read();
    expect(handles.openCount()).toBe(1);
    for (const line of lines.slice(2, 5)) {
      await appendFile(file, line);
      await tailer.read();
    }
    expect(handles.openCount()).toBe(1);
    await tailer.release();
    expect(handles.openCount()).toBe(0);
    await appendFile(file, lines[5] as string);
    expect((await tailer.read()).entries.map((e) => e.id)).toEqual([idOf(lines[5] as string)]);
    await tailer.release();
  });

  it('a bounded handle pool closes the least recently used handle and every tailer still reads', async () => {
    const handles = createHandlePool(2);
    const files = [0, 1, 2].map((i) => path.join(dir, `s${i}.jsonl`));
    for (const f of files) await writeFile(f, lines[0] as string);
    const tailers = files.map((f) =>
      createTranscriptTailer({ path: f, parse: parseEntry, maxInitialBytes: 1 << 20, handles }),
    );
    for (const t of tailers) expect((await t.read()).entries).toHaveLength(1);
    expect(handles.openCount()).toBe(2);
    for (const [i, f] of files.entries()) {
      await appendFile(f, lines[1 + i] as string);
      expect((await (tailers[i] as (typeof tailers)[number]).read()).entries.map((e) => e.id)).toEqual([
        idOf(lines[1 + i] as string),
      ]);
      expect(handles.openCount()).toBeLessThanOrEqual(2);
    }
    await Promise.all(tailers.map((t) => t.release()));
    expect(handles.openCount()).toBe(0);
  });

  it('an in-place rewrite that changes bytes before the offset (head kept, file grown) is re-read', async () => {
    await writeFile(file, lines.slice(0, 4).join(''));
    const tailer = tailerFor();
    expect((await tailer.read()).entries).toHaveLength(4);
    // Same first line, the last line read replaced by another of the fixture, then more appended.
    await writeFile(file, [...lines.slice(0, 3), ...lines.slice(5, 7)].join(''));
    const read = await tailer.read();
    expect(read.rewritten).toBe(true);
    expect(read.entries.map((e) => e.id)).toEqual(lines.slice(5, 7).map(idOf));
    await tailer.release();
  });

  it('a partial line and a UTF-8 character split across appends arrive whole, short or long', async () => {
    const unicode = lines.find((l) => /[^\x00-\x7f]/.test(l));
    if (!unicode) throw new Error('fixture has no multi-byte line');
    const bytes = Buffer.from(unicode);
    const cut = bytes.findIndex((b) => b >= 0x80) + 1;
    // A long partial line (over the size re-read with the anchor) is compared separately.
    const long = Buffer.from(
      `${JSON.stringify({ ...JSON.parse(lines[1] as string), id: 'long-1', pad: 'x'.repeat(9000) })}\n`,
    );
    await writeFile(file, lines[0] as string);
    const tailer = tailerFor();
    await tailer.read();
    await appendFile(file, bytes.subarray(0, cut));
    expect((await tailer.read()).entries).toEqual([]);
    await appendFile(file, bytes.subarray(cut));
    const got = await tailer.read();
    expect(got.entries.map((e) => e.id)).toEqual([idOf(unicode)]);
    expect(JSON.stringify(got.entries)).not.toContain('\ufffd');
    await appendFile(file, long.subarray(0, 6000));
    expect((await tailer.read()).entries).toEqual([]);
    await appendFile(file, long.subarray(6000));
    const rest = await tailer.read();
    expect(rest).toMatchObject({ rewritten: false, malformed: [] });
    expect(rest.entries.map((e) => e.id)).toEqual(['long-1']);
    await tailer.release();
  });

  it('a file replaced by rename is reopened and reported rewritten', async () => {
    await writeFile(file, lines.slice(0, 2).join(''));
    const tailer = tailerFor();
    await tailer.read();
    await writeFile(`${file}.tmp`, lines.slice(0, 4).join(''));
    const { rename } = await import('node:fs/promises');
    await rename(`${file}.tmp`, file);
    const read = await tailer.read();
    expect(read.rewritten).toBe(true);
    expect(read.entries.map((e) => e.id)).toEqual(lines.slice(2, 4).map(idOf));
    await tailer.release();
  });

  it('the entry ids kept against repeats stay bounded however long the transcript grows (all were kept)', async () => {
    // Fixture lines with fresh ids: 2.5 × the bound, appended and read in batches like a long run.
    const total = Math.ceil((SEEN_IDS_MAX * 2.5) / lines.length) * lines.length;
    const withId = (i: number) => {
      const l = JSON.parse(lines[i % lines.length] as string) as { id?: string };
      return `${JSON.stringify({ ...l, id: `e${i}` })}\n`;
    };
    await writeFile(file, '');
    const t = tailerFor();
    const delivered = new Set<string>();
    let count = 0;
    for (let from = 0; from < total; from += 2_000) {
      let batch = '';
      for (let i = from; i < Math.min(total, from + 2_000); i++) batch += withId(i);
      await appendFile(file, batch);
      for (const e of (await t.read()).entries) {
        count++;
        if (e.id) delivered.add(e.id);
      }
    }
    expect(count).toBe(delivered.size); // nothing repeated
    expect(delivered.size).toBeGreaterThan(SEEN_IDS_MAX * 2);
    expect(t.seenIds()).toBeLessThanOrEqual(SEEN_IDS_MAX);
    await t.release();
  });
});
