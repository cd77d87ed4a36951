// The folder watch on a real directory: what it passes on (followed transcripts, the registry,
// locks, transcripts appearing), what it keeps to itself (appends to transcripts nobody follows,
// temp files), a folder that appears late, and close.
import { appendFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/live-helpers.ts';
import { systemClock } from './source-clock.ts';
import { createTranscriptDirWatch, type TranscriptDirWatch } from './transcript-dir-watch.ts';

let root: string;
let w: TranscriptDirWatch | undefined;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'livestatus-dir-watch-'));
});
afterEach(async () => {
  await w?.close();
  w = undefined;
  await rm(root, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function harness(dir: string) {
  const events: string[] = [];
  let resyncs = 0;
  w = createTranscriptDirWatch({
    dir,
    classify: (name) =>
      name === 'sessions.json' || name.endsWith('.lock')
        ? 'watch'
        : name.endsWith('.jsonl')
          ? 'transcript'
          : 'ignore',
    onEvent: (event, file) => events.push(`${event} ${path.relative(dir, file)}`),
    onError: (err) => events.push(`error ${err.message}`),
    onResync: () => resyncs++,
    clock: systemClock,
    retryMs: 20,
  });
  const file = (name: string) => path.join(dir, name);
  const saw = (e: string) => events.includes(e);
  const about = (name: string) => events.filter((e) => e.endsWith(` ${name}`));
  return { w, events, file, saw, about, resyncs: () => resyncs };
}

describe('transcript folder watch', () => {
  it('passes on followed transcripts, the registry, locks and transcripts appearing; not appends to the rest', async () => {
    const h = harness(root);
    await writeFile(h.file('sessions.json'), '{}');
    // A folder of old transcripts, one of them followed.
    const old = Array.from({ length: 50 }, (_, i) => `old-${i}.jsonl`);
    for (const n of old) await writeFile(h.file(n), 'x\n');
    await h.w.start();
    h.w.follow(h.file('old-7.jsonl'));
    expect(h.w.watchedTranscripts()).toBe(1);

    for (const n of old) await appendFile(h.file(n), 'y\n');
    // OpenClaw's registry write: a temp file renamed over sessions.json.
    await writeFile(h.file('sessions.json.123.tmp'), '{"a":1}');
    await rename(h.file('sessions.json.123.tmp'), h.file('sessions.json'));
    // A run: lock, new transcript, appends, lock gone.
    await writeFile(h.file('new.jsonl.lock'), '{}');
    await writeFile(h.file('new.jsonl'), 'x\n');
    await appendFile(h.file('new.jsonl'), 'y\n');
    await rm(h.file('new.jsonl.lock'));
    await waitFor('every event of interest', () =>
      ['change old-7.jsonl', 'rename sessions.json', 'rename new.jsonl.lock', 'rename new.jsonl'].every(
        h.saw,
      ),
    );
    await pause(100);
    // The lock's appearing and going are both there (events name the file; the reader looks).
    expect(h.about('new.jsonl.lock').filter((e) => e.startsWith('rename')).length).toBeGreaterThanOrEqual(2);
    // Appends to the 49 transcripts nobody follows, and the temp file, reach nobody.
    expect(h.events.filter((e) => e.includes('old-') && !e.endsWith('old-7.jsonl'))).toEqual([]);
    expect(h.events.filter((e) => e.includes('.tmp'))).toEqual([]);
    // Not followed yet: new.jsonl was passed on when it appeared, its append was not.
    expect(h.about('new.jsonl')).toEqual(['rename new.jsonl']);
    expect(h.events.filter((e) => e.startsWith('error'))).toEqual([]);

    // Followed from now on; and unfollowed, quiet again.
    h.w.follow(h.file('new.jsonl'));
    await appendFile(h.file('new.jsonl'), 'z\n');
    await waitFor('the followed append', () => h.saw('change new.jsonl'));
    h.w.unfollow(h.file('new.jsonl'));
    h.w.unfollow(h.file('old-7.jsonl'));
    expect(h.w.watchedTranscripts()).toBe(0);
    h.events.length = 0;
    await appendFile(h.file('new.jsonl'), 'w\n');
    await appendFile(h.file('old-7.jsonl'), 'w\n');
    await pause(100);
    expect(h.events).toEqual([]);
  });

  it('a folder that is not there yet is watched once it appears, with a resync for what came before', async () => {
    const dir = path.join(root, 'agents/main/sessions');
    const h = harness(dir);
    await h.w.start();
    await pause(60);
    // A missing folder is normal before the first run: no error.
    expect(h.events).toEqual([]);
    await mkdir(dir, { recursive: true });
    await writeFile(h.file('sessions.json'), '{}');
    await waitFor('the resync', () => h.resyncs() === 1);
    await writeFile(h.file('sessions.json.1.tmp'), '{"b":1}');
    await rename(h.file('sessions.json.1.tmp'), h.file('sessions.json'));
    await waitFor('the registry event', () => h.saw('rename sessions.json'));
  });

  it('a folder deleted and made again is watched again, with a resync', async () => {
    const dir = path.join(root, 'sessions');
    await mkdir(dir);
    const h = harness(dir);
    await h.w.start();
    await rm(dir, { recursive: true });
    await mkdir(dir);
    await writeFile(h.file('sessions.json'), '{}');
    await waitFor('the resync', () => h.resyncs() === 1);
    await writeFile(h.file('run.jsonl.lock'), '{}');
    await waitFor('the lock in the new folder', () => h.saw('rename run.jsonl.lock'));
    expect(h.events.filter((e) => e.startsWith('error'))).toEqual([]);
  });

  it('close stops every event and a pending retry', async () => {
    const missing = harness(path.join(root, 'later'));
    await missing.w.start();
    await missing.w.close();
    await mkdir(path.join(root, 'later'));
    await pause(100);
    expect(missing.resyncs()).toBe(0);

    const h = harness(root);
    await writeFile(h.file('a.jsonl'), 'x\n');
    await h.w.start();
    h.w.follow(h.file('a.jsonl'));
    await h.w.close();
    w = undefined;
    await appendFile(h.file('a.jsonl'), 'y\n');
    await writeFile(h.file('sessions.json'), '{}');
    await writeFile(h.file('b.jsonl'), 'x\n');
    await pause(100);
    expect(h.events).toEqual([]);
  });
});
