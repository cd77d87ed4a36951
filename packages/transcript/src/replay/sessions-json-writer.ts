// sessions.json written as OpenClaw writes it, for replays and the test harnesses that play a
// gateway: each version replaces the file by temp file + rename (reference/openclaw.md §2.1).
import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';

/** Replaces `file` the way OpenClaw does: a temp file in the same directory, then rename. */
export async function writeSessionsJsonAtomic(file: string, registry: unknown): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(tmp, JSON.stringify(registry, null, 2), { mode: 0o600 });
  await rename(tmp, file);
}

/**
 * A writer for callers that change the registry from several places at once: each write takes the
 * registry as it is when the write runs, and writes land one after the other, as OpenClaw's
 * in-process writer queue has them. Concurrent temp-file-and-rename writes land in any order: in
 * rounds of three runs ending together, a third left an older version last (a finished run still
 * "running" for good).
 */
export function createSessionsJsonWriter(file: string, snapshot: () => unknown): { write(): Promise<void> } {
  let queue: Promise<void> = Promise.resolve();
  return {
    write() {
      const run = () => writeSessionsJsonAtomic(file, snapshot());
      const done = queue.then(run, run);
      queue = done.catch(() => undefined);
      return done;
    },
  };
}
