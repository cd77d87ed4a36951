// Follows one JSONL transcript by byte offset. OpenClaw appends one line per entry, but the
// watcher merges rapid changes, the first write lands several lines at once, and some paths
// rewrite the file in place (non-atomic writeFileSync): so every read goes to EOF from the last
// offset, keeps a partial last line pending, and checks two fingerprints — the file's first bytes
// and the bytes just before our offset — to notice a rewrite even when the file did not shrink.
import { open } from 'node:fs/promises';
import type { ParseResult, TranscriptEntry } from '../types.ts';
import { createLineFramer } from './line-framer.ts';

export interface TailerOptions {
  path: string;
  parse: (line: string) => ParseResult;
  /** The first read (and a re-read after a rewrite) takes at most this many trailing bytes. */
  maxInitialBytes: number;
  /** Read size per syscall. */
  chunkSize?: number;
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
}

const HEAD_BYTES = 256;
const ANCHOR_BYTES = 64;

export function createTranscriptTailer(options: TailerOptions): TranscriptTailer {
  const chunkSize = options.chunkSize ?? 1 << 20;
  const framer = createLineFramer(0);
  const seen = new Set<string>();
  let started = false;
  let inode = -1;
  let head: Buffer | undefined;
  let anchor: Buffer | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function readOnce(): Promise<TailRead> {
    const result: TailRead = { entries: [], rewritten: false, bytesRead: 0, malformed: [], missing: false };
    let fh: Awaited<ReturnType<typeof open>>;
    try {
      fh = await open(options.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        result.missing = true;
        return result;
      }
      throw err;
    }
    try {
      const st = await fh.stat();
      const readAt = async (pos: number, len: number): Promise<Buffer> => {
        const buf = Buffer.alloc(len);
        const { bytesRead } = await fh.read(buf, 0, len, pos);
        result.bytesRead += bytesRead;
        return buf.subarray(0, bytesRead);
      };

      let position = framer.committedOffset() + framer.pendingBytes();
      if (started) {
        let changed = st.ino !== inode || st.size < position;
        if (!changed && head) changed = !(await readAt(0, head.length)).equals(head);
        if (!changed && anchor) {
          const at = framer.committedOffset() - anchor.length;
          changed = !(await readAt(at, anchor.length)).equals(anchor);
        }
        if (changed) result.rewritten = true;
      }
      if (!started || result.rewritten) {
        started = true;
        inode = st.ino;
        position = Math.max(0, st.size - options.maxInitialBytes);
        head = position > 0 ? await readAt(0, Math.min(HEAD_BYTES, st.size)) : undefined;
        if (position > 0) {
          // Resync to a line boundary: read from one byte earlier and drop through the first newline.
          const probe = await readAt(position - 1, Math.min(chunkSize, st.size - position + 1));
          const nl = probe.indexOf(0x0a);
          position = nl < 0 ? st.size : position - 1 + nl + 1;
        }
        framer.reset(position);
        anchor = undefined;
      }

      const buf = Buffer.allocUnsafe(chunkSize);
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, chunkSize, position);
        if (bytesRead === 0) break;
        result.bytesRead += bytesRead;
        if (head === undefined && position === 0)
          head = Buffer.from(buf.subarray(0, Math.min(HEAD_BYTES, bytesRead)));
        position += bytesRead;
        for (const line of framer.push(buf.subarray(0, bytesRead))) {
          const parsed = options.parse(line.text);
          if (!parsed.ok) {
            result.malformed.push({ offset: line.start, error: parsed.error });
            continue;
          }
          const id = parsed.entry.id;
          if (id && seen.has(id)) continue;
          if (id) seen.add(id);
          result.entries.push(parsed.entry);
        }
      }
      const committed = framer.committedOffset();
      if (committed > 0) {
        const len = Math.min(ANCHOR_BYTES, committed);
        anchor = await readAt(committed - len, len);
      }
      return result;
    } finally {
      await fh.close();
    }
  }

  return {
    path: options.path,
    read() {
      const next = queue.then(readOnce, readOnce);
      queue = next.catch(() => undefined);
      return next;
    },
    offset: () => framer.committedOffset(),
  };
}
