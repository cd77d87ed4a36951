// Open file handles kept between reads of actively tailed transcripts: an open + close per change
// event was most of the JSONL source's cost at 100 sessions. The count is bounded (least recently
// used handles are closed first, never one in the middle of a read), and a handle is reopened
// when the path names another file (replaced by rename) or after it was closed.
import { type FileHandle, open } from 'node:fs/promises';

export interface HandleSlot {
  /**
   * Runs `fn` with an open handle on the slot's path, reusing the open one when it is the file
   * with inode `ino`. Resolves `undefined` when the file does not exist.
   */
  use<T>(ino: number, fn: (fh: FileHandle) => Promise<T>): Promise<T | undefined>;
  /** Close the handle (the next `use` reopens). */
  close(): Promise<void>;
}

export interface HandlePool {
  slot(path: string): HandleSlot;
  /** Handles open now. */
  openCount(): number;
}

interface Entry {
  fh: FileHandle;
  ino: number;
  /** A read is using the handle: eviction skips it, a close waits for it. */
  busy: boolean;
  closing: boolean;
}

export function createHandlePool(maxOpen: number): HandlePool {
  /** Open entries in least-recently-used order (a Map keeps insertion order). */
  const lru = new Map<object, Entry>();

  function evict() {
    for (const [owner, entry] of lru) {
      if (lru.size <= maxOpen) return;
      if (entry.busy) continue;
      lru.delete(owner);
      void entry.fh.close().catch(() => undefined);
    }
  }

  return {
    openCount: () => lru.size,
    slot(path) {
      const owner = {};
      const closeEntry = async () => {
        const entry = lru.get(owner);
        if (!entry) return;
        lru.delete(owner);
        if (entry.busy) entry.closing = true;
        else await entry.fh.close().catch(() => undefined);
      };
      return {
        async use(ino, fn) {
          let entry = lru.get(owner);
          if (entry && entry.ino !== ino) {
            await closeEntry();
            entry = undefined;
          }
          if (entry) {
            lru.delete(owner);
            lru.set(owner, entry); // most recently used
          } else {
            let fh: FileHandle;
            try {
              fh = await open(path, 'r');
            } catch (err) {
              if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
              throw err;
            }
            let actual = ino;
            try {
              actual = (await fh.stat()).ino;
            } catch {
              // keep the caller's inode
            }
            entry = { fh, ino: actual, busy: false, closing: false };
            await closeEntry(); // one raced in meanwhile
            lru.set(owner, entry);
            evict();
          }
          // A slot serves one tailer, whose reads are serialised: one user at a time.
          const current = entry;
          current.busy = true;
          try {
            return await fn(current.fh);
          } finally {
            current.busy = false;
            if (current.closing) await current.fh.close().catch(() => undefined);
          }
        },
        close: closeEntry,
      };
    },
  };
}

/** The pool every tailer uses unless given its own. */
export const sharedHandlePool: HandlePool = createHandlePool(256);
