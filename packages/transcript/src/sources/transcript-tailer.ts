// Follows one JSONL transcript by byte offset. OpenClaw appends one line per entry, but the
// watcher merges rapid changes, the first write lands several lines at once, and some paths
// rewrite the file in place (non-atomic writeFileSync): so every read goes to EOF from the last
// offset, keeps a partial last line pending, and checks two fingerprints — the file's first bytes
// and the bytes just before our offset — to notice a rewrite even when the file did not shrink.
//
// Cost matters (100 sessions at 10 events/s): a read that finds the file as it left it (same
// inode, size and mtime) is one stat and nothing else; the file handle stays open between reads
// (bounded by a shared LRU, see file-handles.ts); appended bytes are read in one call into a
// reused buffer that also holds the anchor, so a normal append is stat + head + one read.
import type { Stats } from 'node:fs';
import { type FileHandle, stat } from 'node:fs/promises';
import type { ParseResult, TranscriptEntry } from '../types.ts';
import { type HandlePool, sharedHandlePool } from './file-handles.ts';
import { createLineFramer } from './line-framer.ts';

export interface TailerOptions {
  path: string;
  parse: (line: string) => ParseResult;
  /** The first read (and a re-read after a rewrite) takes at most this many trailing bytes. */
  maxInitialBytes: number;
  /** Read size per syscall. */
  chunkSize?: number;
  /** Where the open file handle is kept (default: one pool shared by every tailer). */
  handles?: HandlePool;
}

export interface TailRead {
  entries: TranscriptEntry[];
  /** The file was rewritten in place (or replaced): entries continue after a re-read. */
  rewritten: boolean;
  bytesRead: number;
  malformed: Array<{ offset: number; error: string }>;
  /** The file does not exist (yet, or any more). */
  missing: boolean;
}

export interface TranscriptTailer {
  readonly path: string;
  /** Read everything new up to EOF. Concurrent calls are serialised. */
  read(): Promise<TailRead>;
  /** Byte offset just after the last complete line read. */
  offset(): number;
  /**
   * Close the file handle and drop the read buffer (both come back with the next read); call when
   * the file is no longer followed or its writer is gone.
   */
  release(): Promise<void>;
  /** Bytes of read buffer kept between reads (released tailers keep none). */
  keptBytes(): number;
  /**
   * Kept buffers (head, anchor, read buffer) that are views into a bigger shared backing store
   * rather than owning their bytes: each keeps a whole slab of Node's Buffer pool alive.
   */
  pooledViews(): number;
  /** Entry ids kept to skip repeats after a re-read (bounded: SEEN_IDS_MAX). */
  seenIds(): number;
}

const HEAD_BYTES = 256;
const ANCHOR_BYTES = 64;
/** Read buffers up to this size are kept for the next read; bigger ones are one-offs. */
const KEEP_BUFFER_BYTES = 64 * 1024;
/** Pending (partial-line) bytes up to this size are re-read with the anchor in one call. */
const REREAD_PENDING_BYTES = 4096;

/**
 * A copy that owns exactly its bytes. A small `Buffer.from`/`allocUnsafe` is a slice of Node's
 * shared Buffer pool (64 KB slabs in Node 24): keeping one kept the whole slab alive, and the
 * soak's heap snapshots found a 64 KB slab pinned by the 64-byte anchor or 256-byte head of
 * nearly every finished transcript (retainer path: followed → tailer → read closure → anchor).
 */
function owned(bytes: Uint8Array): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  copy.set(bytes);
  return copy;
}

/**
 * Entry ids kept to skip the ones a re-read after a rewrite brings again. Every id of the file was
 * kept, for as long as the session was followed (parked ones included): a transcript of 100 000
 * entries held 100 000 strings. A re-read takes at most `maxInitialBytes` from the end, so only
 * recent ids can come back; past the bound the oldest half goes (Sets iterate in insertion order).
 * An old id that does come back anyway is the tracker's to skip (its `closedUpTo` and own ids).
 */
export const SEEN_IDS_MAX = 10_000;

const isPooledView = (b: Buffer | undefined) => b !== undefined && b.buffer.byteLength > b.length;

export function createTranscriptTailer(options: TailerOptions): TranscriptTailer {
  const chunkSize = options.chunkSize ?? 1 << 20;
  const pool = options.handles ?? sharedHandlePool;
  const handle = pool.slot(options.path);
  const framer = createLineFramer(0);
  const seen = new Set<string>();
  let started = false;
  let inode = -1;
  /** Size and mtime seen by the last read: the same again means nothing to read. */
  let lastSize = -1;
  let lastMtimeMs = -1;
  let head: Buffer | undefined;
  let anchor: Buffer | undefined;
  let scratch = Buffer.allocUnsafe(0);
  /** A big buffer for the read in progress only (a long line, a startup window). */
  let big: Buffer | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  function remember(id: string) {
    seen.add(id);
    if (seen.size <= SEEN_IDS_MAX) return;
    let drop = seen.size - SEEN_IDS_MAX / 2;
    for (const old of seen) {
      if (drop-- <= 0) break;
      seen.delete(old);
    }
  }

  /** A buffer of at least `len` bytes, reused across reads while small. */
  function bufferFor(len: number): Buffer {
    if (scratch.length >= len) return scratch;
    if (big && big.length >= len) return big;
    const size = Math.max(4096, 2 ** Math.ceil(Math.log2(len)));
    // Not allocUnsafe: a kept buffer under 32 KB would come from (and pin) a pool slab.
    const buf = Buffer.allocUnsafeSlow(size);
    if (size <= KEEP_BUFFER_BYTES) scratch = buf;
    else big = buf;
    return buf;
  }

  async function readOnce(): Promise<TailRead> {
    const result: TailRead = { entries: [], rewritten: false, bytesRead: 0, malformed: [], missing: false };
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(options.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        await handle.close();
        result.missing = true;
        return result;
      }
      throw err;
    }
    // Unchanged since the last read (a settle re-read, a duplicate event): nothing to open or read.
    if (started && st.ino === inode && st.size === lastSize && st.mtimeMs === lastMtimeMs) return result;
    try {
      const done = await handle.use(st.ino, (fh) => readFrom(fh, st, result));
      if (done === undefined) result.missing = true;
      return result;
    } finally {
      big = undefined;
    }
  }

  async function readFrom(fh: FileHandle, st: Stats, result: TailRead): Promise<true> {
    const readInto = async (buf: Buffer, len: number, pos: number): Promise<number> => {
      const { bytesRead } = await fh.read(buf, 0, len, pos);
      result.bytesRead += bytesRead;
      return bytesRead;
    };
    /** An owned copy of the bytes at `pos`. */
    const readAt = async (pos: number, len: number): Promise<Buffer> => {
      const buf = Buffer.allocUnsafe(len);
      return buf.subarray(0, await readInto(buf, len, pos));
    };

    if (started) {
      let changed = st.ino !== inode || st.size < framer.committedOffset() + framer.pendingBytes();
      if (!changed && head) {
        const buf = bufferFor(head.length);
        const n = await readInto(buf, head.length, 0);
        changed = !buf.subarray(0, n).equals(head);
      }
      if (changed) result.rewritten = true;
    }
    for (;;) {
      if (!started || result.rewritten) {
        started = true;
        inode = st.ino;
        let position = Math.max(0, st.size - options.maxInitialBytes);
        head = position > 0 ? owned(await readAt(0, Math.min(HEAD_BYTES, st.size))) : undefined;
        if (position > 0) {
          // Resync to a line boundary: read from one byte earlier and drop through the first newline.
          const len = Math.min(chunkSize, st.size - position + 1);
          const probe = bufferFor(len);
          const got = await readInto(probe, len, position - 1);
          const nl = probe.subarray(0, got).indexOf(0x0a);
          position = nl < 0 ? st.size : position - 1 + nl + 1;
        }
        framer.reset(position);
        anchor = undefined;
      }
      if (await readAppended(st, readInto, readAt, result)) break;
      // The bytes just before our offset changed: rewritten in place, start over from a resync.
      result.rewritten = true;
    }
    lastMtimeMs = st.mtimeMs;
    return true;
  }

  /**
   * Reads from the offset up to the size `st` saw and frames the lines. The pending bytes and the
   * anchor before them are read in the same call and the anchor compared; false when it differs.
   */
  async function readAppended(
    st: Stats,
    readInto: (buf: Buffer, len: number, pos: number) => Promise<number>,
    readAt: (pos: number, len: number) => Promise<Buffer>,
    result: TailRead,
  ): Promise<boolean> {
    const committed0 = framer.committedOffset();
    let position = committed0 + framer.pendingBytes();
    let from = position;
    let skip = 0;
    if (anchor) {
      if (framer.pendingBytes() <= REREAD_PENDING_BYTES) {
        from = committed0 - anchor.length;
        skip = position - from;
      } else if (!(await readAt(committed0 - anchor.length, anchor.length)).equals(anchor)) {
        return false;
      }
    }
    let first = true;
    for (;;) {
      // Up to the size stat saw, then on to EOF: an append landing meanwhile may have its event
      // merged into the one that started this read. Past the stat size the probe is the kept
      // buffer, so an append costs no big allocation.
      const left = st.size - from;
      const want = Math.max(skip, left > 0 ? Math.min(chunkSize, left) : Math.max(scratch.length, 4096));
      const buf = bufferFor(want);
      const got = await readInto(buf, want, from);
      let data = buf.subarray(0, got);
      if (first && skip > 0) {
        if (got < skip || !data.subarray(0, (anchor as Buffer).length).equals(anchor as Buffer)) return false;
        data = data.subarray(skip);
      }
      first = false;
      if (data.length === 0) break;
      if (head === undefined && position === 0)
        head = owned(data.subarray(0, Math.min(HEAD_BYTES, data.length)));
      const committedBefore = framer.committedOffset();
      for (const line of framer.push(data)) {
        const parsed = options.parse(line.text);
        if (!parsed.ok) {
          result.malformed.push({ offset: line.start, error: parsed.error });
          continue;
        }
        const id = parsed.entry.id;
        if (id && seen.has(id)) continue;
        if (id) remember(id);
        result.entries.push(parsed.entry);
      }
      // The new anchor: the bytes just before the committed offset, from this buffer when it has them.
      const committed = framer.committedOffset();
      if (committed !== committedBefore) {
        const len = Math.min(ANCHOR_BYTES, committed);
        const at = committed - len - from;
        anchor = owned(at >= 0 ? buf.subarray(at, at + len) : await readAt(committed - len, len));
      }
      position += data.length;
      from = position;
      skip = 0;
      if (got < want && position >= st.size) break;
    }
    lastSize = position;
    return true;
  }

  return {
    path: options.path,
    read() {
      const next = queue.then(readOnce, readOnce);
      queue = next.catch(() => undefined);
      return next;
    },
    offset: () => framer.committedOffset(),
    keptBytes: () => scratch.length + framer.pendingBytes(),
    seenIds: () => seen.size,
    pooledViews: () => [head, anchor, scratch].filter(isPooledView).length + framer.pooledViews(),
    release() {
      // The kept buffer is up to 64 KB: held by every idle tailer it outweighed all the rest.
      const drop = () => {
        scratch = Buffer.allocUnsafe(0);
        return handle.close();
      };
      const next = queue.then(drop, drop);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
