// Splits appended transcript bytes into complete lines. Framing happens on bytes, not on decoded
// text: a newline byte (0x0A) never occurs inside a multi-byte UTF-8 sequence, so a character
// split across two reads stays in the pending bytes until its line is complete and is decoded
// whole — the same guarantee a streaming decoder gives, while every line keeps its byte offset
// (needed to resume, resync and detect rewrites).

export interface FramedLine {
  text: string;
  /** Byte offset of the line's first byte in the file. */
  start: number;
  /** Byte offset just after the line's newline. */
  end: number;
}

export interface LineFramer {
  /** Feed the bytes that start at `offset` (= where the previous chunk ended); returns complete lines. */
  push(chunk: Uint8Array): FramedLine[];
  /** Bytes held back because their line has no newline yet. */
  pendingBytes(): number;
  /** File offset just after the last complete line (where a re-read would resume). */
  committedOffset(): number;
  /** Drop pending bytes and continue at `offset`. */
  reset(offset: number): void;
  /** 1 when the pending bytes are a view into a bigger backing store (see the copy in push). */
  pooledViews(): number;
}

const NEWLINE = 0x0a;
const decoder = new TextDecoder('utf-8');

export function createLineFramer(startOffset = 0): LineFramer {
  let pending: Buffer = Buffer.alloc(0);
  let committed = startOffset;

  return {
    push(chunk) {
      const buf =
        pending.length === 0
          ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
          : Buffer.concat([pending, chunk]);
      const lines: FramedLine[] = [];
      let from = 0;
      for (;;) {
        const nl = buf.indexOf(NEWLINE, from);
        if (nl < 0) break;
        let endOfText = nl;
        if (endOfText > from && buf[endOfText - 1] === 0x0d) endOfText--;
        if (endOfText > from) {
          lines.push({
            text: decoder.decode(buf.subarray(from, endOfText)),
            start: committed + from,
            end: committed + nl + 1,
          });
        }
        from = nl + 1;
      }
      committed += from;
      // Copy the remainder so a large read buffer is not kept alive by a short partial line; not
      // with Buffer.from, whose small copies are slices of Node's 64 KB Buffer pool (same problem).
      if (from === buf.length) pending = Buffer.alloc(0);
      else {
        pending = Buffer.allocUnsafeSlow(buf.length - from);
        buf.copy(pending, 0, from);
      }
      return lines;
    },
    pendingBytes: () => pending.length,
    pooledViews: () => (pending.buffer.byteLength > pending.length ? 1 : 0),
    committedOffset: () => committed,
    reset(offset) {
      pending = Buffer.alloc(0);
      committed = offset;
    },
  };
}
