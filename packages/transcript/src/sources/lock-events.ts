// `<transcript>.jsonl.lock` events → "is the writer active?". A handler may wait (for a registry
// reload that names the transcript's session) and resume after a later event for the same lock
// already ran: an `add` resuming after the `unlink` reported `writerActive: true` for a lock that
// was gone. So only the newest event per lock reports, and it reports whether the lock exists at
// that moment, not what its event said.

export interface LockEventOptions {
  /** The session key of a transcript file name; may wait for a registry reload. */
  keyOf(transcript: string): Promise<string | undefined>;
  /** Whether the lock file exists now. */
  exists(lockPath: string): Promise<boolean>;
  /** The writer of `key` is (or is no longer) active. */
  report(key: string, active: boolean): Promise<void>;
}

/** Handles one lock-file event (`add`, `change` or `unlink` alike). */
export interface LockEventHandler {
  (lockPath: string, transcript: string): Promise<void>;
  /** Locks with an event still being handled. */
  pending(): number;
}

export function createLockEvents(o: LockEventOptions): LockEventHandler {
  /** The newest event per lock path still being handled; removed when it is done (bounded). */
  const newest = new Map<string, number>();
  let seq = 0;
  const handle = async (lockPath: string, transcript: string) => {
    const mine = ++seq;
    newest.set(lockPath, mine);
    const superseded = () => newest.get(lockPath) !== mine;
    try {
      const key = await o.keyOf(transcript);
      if (!key || superseded()) return;
      const active = await o.exists(lockPath);
      if (superseded()) return;
      await o.report(key, active);
    } finally {
      if (!superseded()) newest.delete(lockPath);
    }
  };
  return Object.assign(handle, { pending: () => newest.size });
}
