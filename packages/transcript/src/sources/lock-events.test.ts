// Lock-file events on a real directory: a handler that waited for the registry must not report a
// writer that is already gone.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLockEvents } from './lock-events.ts';

let dir: string;
let lock: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'livestatus-lock-'));
  lock = path.join(dir, 't.jsonl.lock');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

/** A registry reload that completes when the test says so. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { opened, open };
}

describe('lock events', () => {
  it('an add that waited for the registry reload resumes after the unlink and reports nothing (regression: writerActive true after the lock was gone)', async () => {
    const reload = gate();
    const reports: boolean[] = [];
    let calls = 0;
    const onLock = createLockEvents({
      // The first event finds the transcript unknown and waits for a reload; the second finds it known.
      keyOf: async () => {
        if (calls++ === 0) await reload.opened;
        return 'k';
      },
      exists,
      report: async (_key, active) => {
        reports.push(active);
      },
    });
    await writeFile(lock, '{}');
    const add = onLock(lock, 't.jsonl');
    await rm(lock);
    await onLock(lock, 't.jsonl');
    reload.open();
    await add;
    expect(reports).toEqual([false]);
    expect(onLock.pending()).toBe(0);
  });

  it('a lone event reports whether the lock exists when it reports, not what the event said', async () => {
    const reload = gate();
    const reports: boolean[] = [];
    const onLock = createLockEvents({
      keyOf: async () => {
        await reload.opened;
        return 'k';
      },
      exists,
      report: async (_key, active) => {
        reports.push(active);
      },
    });
    await writeFile(lock, '{}');
    const add = onLock(lock, 't.jsonl'); // its unlink event was lost (or is still on its way)
    await rm(lock);
    reload.open();
    await add;
    expect(reports).toEqual([false]);
  });

  it('a transcript no session names reports nothing and holds nothing', async () => {
    const reports: boolean[] = [];
    const onLock = createLockEvents({
      keyOf: async () => undefined,
      exists,
      report: async (_key, active) => {
        reports.push(active);
      },
    });
    await writeFile(lock, '{}');
    await onLock(lock, 't.jsonl');
    expect(reports).toEqual([]);
    expect(onLock.pending()).toBe(0);
  });
});
