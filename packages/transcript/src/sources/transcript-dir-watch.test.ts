// The folder watch on a real directory: transcripts nobody follows any more lose their watcher at a
// renewal, while followed transcripts, the registry and new files keep reporting across it.
import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/live-helpers.ts';
import { createTranscriptDirWatch, type TranscriptDirWatch } from './transcript-dir-watch.ts';

let dir: string;
let w: TranscriptDirWatch | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'livestatus-dir-watch-'));
  await writeFile(path.join(dir, 'sessions.json'), '{}');
});
afterEach(async () => {
  await w?.close();
  w = undefined;
  await rm(dir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

function harness(staleMax: number) {
  const events: string[] = [];
  let renewals = 0;
  w = createTranscriptDirWatch({
    dir,
    classify: (name) =>
      name === 'sessions.json' || name.endsWith('.lock')
        ? 'watch'
        : name.endsWith('.jsonl')
          ? 'transcript'
          : 'ignore',
    onEvent: (event, file) => events.push(`${event} ${path.basename(file)}`),
    onError: (err) => events.push(`error ${err.message}`),
    onRenewed: () => renewals++,
    staleMax,
  });
  const file = (name: string) => path.join(dir, name);
  const saw = (e: string) => events.includes(e);
  return { w, events, file, saw, renewals: () => renewals };
}

describe('transcript folder watch', () => {
  it('drops the watchers of unfollowed transcripts; followed ones, the registry and new files still report', async () => {
    const h = harness(5);
    await h.w.start();
    const names = Array.from({ length: 20 }, (_, i) => `t${i}.jsonl`);
    for (const n of names) await writeFile(h.file(n), 'x\n');
    await waitFor('every add', () => names.every((n) => h.saw(`add ${n}`)));
    for (const n of names) h.w.follow(h.file(n));
    expect(h.w.watchedTranscripts()).toBe(20);
    for (const n of names.slice(0, 15)) h.w.unfollow(h.file(n));
    await waitFor('the renewals', () => h.w.watchedTranscripts() === 5);
    expect(h.renewals()).toBeGreaterThanOrEqual(1);
    h.events.length = 0;
    await appendFile(h.file('t0.jsonl'), 'y\n');
    await appendFile(h.file('t19.jsonl'), 'y\n');
    await writeFile(h.file('sessions.json.tmp'), '{"a":1}');
    await rename(h.file('sessions.json.tmp'), h.file('sessions.json'));
    await writeFile(h.file('new.jsonl'), 'x\n');
    await waitFor('the followed transcript, the registry and the new file', () =>
      ['change t19.jsonl', 'change sessions.json', 'add new.jsonl'].every(h.saw),
    );
    await pause(200);
    expect(h.events.filter((e) => e.includes('t0.jsonl'))).toEqual([]);
    expect(h.events.filter((e) => e.startsWith('error'))).toEqual([]);
  });

  it('a transcript followed while a renewal starts is watched by the new watcher', async () => {
    const h = harness(2);
    await h.w.start();
    for (const n of ['a', 'b', 'c', 'd', 'late'].map((x) => `${x}.jsonl`)) await writeFile(h.file(n), 'x\n');
    await waitFor('the adds', () => h.saw('add late.jsonl'));
    for (const n of ['a', 'b', 'c', 'd']) h.w.follow(h.file(`${n}.jsonl`));
    // 'late' was reported (held) but never followed: three stale watchers start a renewal...
    h.w.unfollow(h.file('a.jsonl'));
    h.w.unfollow(h.file('b.jsonl'));
    // ...and 'late' is followed before the new watcher is ready; it was in the folder when the
    // renewal listed it, so the new watcher skips it unless told.
    h.w.follow(h.file('late.jsonl'));
    await waitFor('the renewal', () => h.renewals() === 1);
    expect(h.w.watchedTranscripts()).toBe(3);
    h.events.length = 0;
    await appendFile(h.file('late.jsonl'), 'y\n');
    await waitFor('the late transcript', () => h.saw('change late.jsonl'));
  });

  it('a renewal closes nothing it should not: closing during one leaves no watcher running', async () => {
    const h = harness(0);
    await h.w.start();
    await writeFile(h.file('a.jsonl'), 'x\n');
    await waitFor('the add', () => h.saw('add a.jsonl'));
    h.w.unfollow(h.file('a.jsonl'));
    await h.w.close();
    w = undefined;
    h.events.length = 0;
    await appendFile(h.file('sessions.json'), ' ');
    await writeFile(h.file('b.jsonl'), 'x\n');
    await pause(200);
    expect(h.events).toEqual([]);
  });
});
