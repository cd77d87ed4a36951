// sessions.json re-read at the cost of what changed. A busy gateway's registry holds up to 500
// entries of ~17 KB (9 MB) and OpenClaw replaces it 6–15 times per run, usually with one entry
// changed; parsing it whole each time was (soak, 3 sessions) ~8 parses/s, ~200 MB/s of garbage and
// a large share of a core. This reader keeps, per key, a fingerprint of the entry's bytes and what
// it made of them, and JSON.parses only the entries whose bytes changed. Its result is
// parseSessionsJson's for the same text (short of a fingerprint collision, byte-fingerprint.ts):
// whatever the scan doubts (torn or invalid file, duplicate or integer-like keys, a value that does
// not parse) goes to parseSessionsJson whole, which reports it as before.
import type { SessionRecord } from '../types.ts';
import { type Fingerprint, fingerprintInto, newFingerprint, sameFingerprint } from './byte-fingerprint.ts';
import { scanObject } from './json-object-scan.ts';
import {
  type EntryOutcome,
  entryRecord,
  parseSessionsJson,
  resolveTranscriptPath,
  type SessionsJsonContext,
  type SessionsJsonResult,
} from './sessions-json.ts';

/** sessions.json bytes → the same result as parseSessionsJson of their UTF-8 text. */
export type SessionsJsonReader = (bytes: Uint8Array) => SessionsJsonResult;

interface Known {
  fingerprint: Fingerprint;
  outcome: EntryOutcome;
  /** Read that last saw the key: unseen keys are dropped after a good read. */
  seen: number;
}

export function createSessionsJsonReader(ctx: SessionsJsonContext): SessionsJsonReader {
  const known = new Map<string, Known>();
  const scratch = newFingerprint();
  let reads = 0;

  /** A known entry's outcome, with its transcript path resolved again where that hangs on the filesystem. */
  function current(item: Known): EntryOutcome {
    const outcome = item.outcome;
    if (!('record' in outcome) || outcome.probe === undefined) return outcome;
    const path = resolveTranscriptPath(outcome.probe, ctx.sessionsDir, ctx.exists);
    const { record } = outcome;
    if (record.transcript.kind === 'jsonl' && record.transcript.path === path) return outcome;
    item.outcome = { record: { ...record, transcript: { kind: 'jsonl', path } }, probe: outcome.probe };
    return item.outcome;
  }

  return (input) => {
    const bytes = Buffer.isBuffer(input)
      ? input
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const read = ++reads;
    const records: SessionRecord[] = [];
    const problems: string[] = [];
    // The member being visited: its key, what is known about it, and the end its known bytes give.
    let key = '';
    let item: Known | undefined;
    let knownEnd = -1;
    const scanned = scanObject(bytes, {
      key(keyStart, keyEnd, valueStart) {
        const decoded = decodeKey(bytes, keyStart, keyEnd);
        // Integer-like keys come first in JSON.parse's key order; duplicates keep the first
        // position but the last value. Rare enough to leave to the full parse.
        if (decoded === undefined || /^[0-9]+$/.test(decoded)) return 'stop';
        key = decoded;
        item = known.get(key);
        if (item?.seen === read) return 'stop';
        knownEnd = -1;
        if (!item) return 'scan';
        const end = valueStart + (item.fingerprint[4] as number);
        if (end > bytes.length) return 'scan';
        fingerprintInto(view, valueStart, end, scratch);
        if (!sameFingerprint(scratch, item.fingerprint)) return 'scan';
        // The same bytes as a value that parsed before: no scan, no parse. The scanner still checks
        // that a member ends there, and scans the value if not (then valueEnd !== knownEnd).
        knownEnd = end;
        return end;
      },
      value(valueStart, valueEnd) {
        let outcome: EntryOutcome;
        if (item && valueEnd === knownEnd) {
          outcome = current(item);
          item.seen = read;
        } else {
          let entry: unknown;
          try {
            entry = JSON.parse(bytes.toString('utf8', valueStart, valueEnd));
          } catch {
            return false;
          }
          outcome = entryRecord(key, entry, ctx);
          const fingerprint = newFingerprint();
          fingerprintInto(view, valueStart, valueEnd, fingerprint);
          known.set(key, { fingerprint, outcome, seen: read });
        }
        if ('problem' in outcome) problems.push(outcome.problem);
        else records.push(outcome.record);
        return true;
      },
    });
    if (!scanned) {
      const whole = parseSessionsJson(bytes.toString('utf8'), ctx);
      // A good file the scan cannot follow: what is known describes no file worth keeping. After a
      // torn one it still describes the last good file, which the next read most likely repeats.
      if (whole.ok) known.clear();
      return whole;
    }
    for (const [k, v] of known) if (v.seen !== read) known.delete(k);
    return { ok: true, records, problems };
  };
}

/** The key exactly as JSON.parse reads it (escapes), or undefined if the literal is invalid. */
function decodeKey(bytes: Buffer, start: number, end: number): string | undefined {
  try {
    const key: unknown = JSON.parse(bytes.toString('utf8', start, end));
    return typeof key === 'string' ? key : undefined;
  } catch {
    return undefined;
  }
}
