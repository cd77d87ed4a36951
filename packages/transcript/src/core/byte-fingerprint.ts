// A 128-bit fingerprint of a byte range, to tell whether a registry entry's text changed since the
// last read without keeping that text (a kept slice of the file would pin the whole file).
//
// Four independent xxhash32-style lanes over little-endian 32-bit words read relative to the
// range's start, so an entry that moved in the file (an earlier entry grew) keeps its
// fingerprint. Each round is a bijection of the lane for a fixed word and of the word for a fixed
// lane, so a change that touches at most one word of a lane always changes the fingerprint; a
// wider change goes unseen only if every lane it touches collides (about 2^-32 each). Not a
// defence against anyone: a collision would only keep a stale record until the entry's next
// change. Measured ~0.3 ms per MB, several times cheaper than sha1 of the same bytes.

const P1 = 0x9e3779b1 | 0;
const P2 = 0x85ebca77 | 0;
const P5 = 0x165667b1 | 0;

/** Lane state plus length; compare with `sameFingerprint`. */
export type Fingerprint = Int32Array;

export function newFingerprint(): Fingerprint {
  return new Int32Array(5);
}

/** Writes the fingerprint of `view[start, end)` into `out` (no allocation). */
export function fingerprintInto(view: DataView, start: number, end: number, out: Fingerprint): void {
  let a = 0x24234428;
  let b = 0x7b3a1a69 | 0;
  let c = 0x03c9bc6b;
  let d = 0x61c88647;
  let i = start;
  for (; i + 16 <= end; i += 16) {
    a = (a + Math.imul(view.getInt32(i, true), P2)) | 0;
    a = Math.imul((a << 13) | (a >>> 19), P1);
    b = (b + Math.imul(view.getInt32(i + 4, true), P2)) | 0;
    b = Math.imul((b << 13) | (b >>> 19), P1);
    c = (c + Math.imul(view.getInt32(i + 8, true), P2)) | 0;
    c = Math.imul((c << 13) | (c >>> 19), P1);
    d = (d + Math.imul(view.getInt32(i + 12, true), P2)) | 0;
    d = Math.imul((d << 13) | (d >>> 19), P1);
  }
  // The tail (under 16 bytes) byte by byte into lane a: same bijective round, its own multiplier.
  for (; i < end; i++) {
    a = (a + Math.imul(view.getUint8(i), P5)) | 0;
    a = Math.imul((a << 11) | (a >>> 21), P1);
  }
  out[0] = a;
  out[1] = b;
  out[2] = c;
  out[3] = d;
  out[4] = end - start;
}

export function sameFingerprint(x: Fingerprint, y: Fingerprint): boolean {
  return x[0] === y[0] && x[1] === y[1] && x[2] === y[2] && x[3] === y[3] && x[4] === y[4];
}
