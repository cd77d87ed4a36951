// JSONL era (OpenClaw ≤ 2026.7): one agent's `sessions/` directory. `sessions.json` is the
// authority for which file belongs to which session key; it is replaced by temp file + rename
// many times per run, so it is re-read debounced and a torn read keeps the last good parse.
// Transcripts are followed by byte-offset tailers, only for sessions active recently; one watch of
// the folder passes on what concerns them, the registry and the locks (10 000 historical
// transcripts must cost nothing; transcript-dir-watch.ts). `<file>.jsonl.lock` is the earliest
// sign of a run.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SessionChange, SessionRecord } from '../types.ts';
import {
  type AgentSource,
  type AgentSourceContext,
  isRecent,
  type ParseEntry,
  type StartupWindow,
  sameRecord,
} from './agent-source.ts';
import { createLockEvents } from './lock-events.ts';
import { createDebouncer, type SourceClock } from './source-clock.ts';
import { createTranscriptDirWatch, type WatchClass } from './transcript-dir-watch.ts';
import { createTranscriptTailer, type TranscriptTailer } from './transcript-tailer.ts';

/**
 * Parses the bytes of sessions.json into records; a torn or invalid file is an error value. It may
 * keep what it made of the previous file: an entry whose bytes did not change comes back as the
 * very same record object.
 */
export type RegistryParser = (
  bytes: Uint8Array,
) => { ok: true; records: SessionRecord[]; problems: string[] } | { ok: false; error: string };

export interface JsonlAgentOptions {
  agent: string;
  sessionsDir: string;
  sessionsJson: string;
  parseEntry: ParseEntry;
  parseRegistry: RegistryParser;
  window: StartupWindow;
  debounceMs: number;
  /** Whether a file exists now (default: a stat; tests slow it down to order a race). */
  fileExists?: (p: string) => Promise<boolean>;
}

interface Followed {
  key: string;
  path: string;
  tailer: TranscriptTailer;
  /** Next read reports `rewritten` (rotation to a new sessionFile). */
  rotated: boolean;
  /** Trailing re-read after a change event (see SETTLE_MS). */
  settle: { trigger(): void; cancel(): void };
  /** A change-event read is running; `again` asks for one more when it ends (bursts coalesce). */
  reading: Promise<void> | undefined;
  again: boolean;
  /** The writer is gone: handle and read buffer given back after any read. */
  parked: boolean;
}

/**
 * Every change event is followed by one trailing read once a burst has passed: an append whose
 * event was merged into an earlier one (FSEvents on macOS coalesces; inotify merges an event into
 * an identical one still queued) would otherwise wait for the next write — which may never come.
 * When nothing was appended meanwhile that read is a single stat (the tailer's unchanged-file
 * check). It was needed with chokidar, which dropped a file's events for 50 ms after each.
 */
const SETTLE_MS = 60;

/**
 * Trailing-edge timer that is armed once per burst rather than re-armed per event: a trigger
 * inside the window only moves the deadline, and the timer re-arms itself for the rest when it
 * fires early. At 1000 events/s this saves a clearTimeout + setTimeout per event.
 */
function createSettle(clock: SourceClock, ms: number, fn: () => void) {
  let handle: unknown;
  let due = 0;
  const fire = () => {
    const left = due - clock.now();
    if (left > 0) {
      handle = clock.setTimeout(fire, left);
      return;
    }
    handle = undefined;
    fn();
  };
  return {
    trigger() {
      due = clock.now() + ms;
      if (handle === undefined) handle = clock.setTimeout(fire, ms);
    },
    cancel() {
      if (handle !== undefined) clock.clearTimeout(handle);
      handle = undefined;
    },
  };
}

type FileVersion = { ino: number; size: number; mtimeMs: number; ctimeMs: number };

function sameFileVersion(a: FileVersion | undefined, b: FileVersion): boolean {
  return (
    a !== undefined &&
    a.ino === b.ino &&
    a.size === b.size &&
    a.mtimeMs === b.mtimeMs &&
    a.ctimeMs === b.ctimeMs
  );
}

const isTranscriptName = (name: string) => name.endsWith('.jsonl') && !name.endsWith('.trajectory.jsonl');
const isLockName = (name: string) => name.endsWith('.jsonl.lock');

/** What a JSONL agent source holds (regression tests bound it: counts, not bytes). */
export interface JsonlRetained {
  /** Sessions with a tailer (followed recently; parked ones included). */
  followed: number;
  /** Of those, parked: the writer is gone. */
  parked: number;
  /** Read-buffer bytes the tailers keep between reads. */
  bufferBytes: number;
  /** Kept buffers that pin a bigger shared backing store (a 64 KB Buffer pool slab each). */
  pooledViews: number;
  /** Lock events waiting to report. */
  pendingLockEvents: number;
  /** Transcripts the folder watch holds a watcher for (followed ones, and a bounded rest). */
  watchedTranscripts: number;
}

export function createJsonlAgentSource(
  options: JsonlAgentOptions,
  ctx: AgentSourceContext,
): AgentSource & { retained(): JsonlRetained } {
  const { sessionsDir, sessionsJson, agent } = options;
  const records = new Map<string, SessionRecord>();
  const followed = new Map<string, Followed>();
  const keyByFile = new Map<string, string>();
  const writerActive = new Map<string, boolean>();
  /**
   * Lock reports per key so far: a lock check that started before a report must not overwrite
   * what the report found (see follow).
   */
  const lockReports = new Map<string, number>();
  const exists = options.fileExists ?? fileExists;
  let registryQueue: Promise<void> = Promise.resolve();
  let closed = false;
  /**
   * The records of the last good sessions.json, to skip re-applying an unchanged one. This replaces
   * a sha1 of the whole file (~5 ms a read of a 9 MB registry): the parser hands back the same
   * record object for every entry whose bytes did not change, so "every record the same object, in
   * the same order" is the file unchanged (whitespace aside) at no cost, and keeps no text (a
   * soak's kept registry text reached 3.2 MB, the biggest string in its heap). A transcript path
   * that changed only because its file appeared counts as a change, as it should.
   */
  let lastRecords: SessionRecord[] | undefined;

  const emit = (key: string, partial: Omit<SessionChange, 'agent' | 'key' | 'record'>) => {
    if (closed) return;
    const record = records.get(key);
    ctx.emit({ agent, key, ...(record ? { record } : {}), ...partial });
  };

  const debounced = createDebouncer(ctx.clock, options.debounceMs, () => {
    void reloadRegistry();
  });
  // The registry gets the same trailing read as a transcript (SETTLE_MS): with chokidar a rename
  // landing in the 50 ms after the previous one went unreported, and a burst's last version waited
  // for the next rewrite (a test of rapid rewrites missed it every few rounds). Re-reading
  // an unchanged registry costs a scan and no parse (createSessionsJsonReader).
  // That trailing read is skipped when the file is still the one last read (same inode, size and
  // times): OpenClaw replaces it by rename, so a new version is a new inode, and most bursts were
  // already read whole by the debounced read — a second 9 MB read for nothing otherwise.
  const registrySettle = createSettle(ctx.clock, SETTLE_MS, () => {
    void stat(sessionsJson).then(
      (now) => {
        if (!sameFileVersion(lastReadVersion, now)) debounced.trigger();
      },
      () => debounced.trigger(),
    );
  });
  /** Identity of the sessions.json version last read (taken from the handle that read it). */
  let lastReadVersion: FileVersion | undefined;

  const classify = (name: string): WatchClass => {
    if (name === path.basename(sessionsJson) || isLockName(name)) return 'watch';
    return isTranscriptName(name) ? 'transcript' : 'ignore';
  };
  const dirWatch = createTranscriptDirWatch({
    dir: sessionsDir,
    classify,
    onEvent: (_event, p) => {
      void onFileEvent(p);
    },
    onError: (err) => ctx.problem(`watcher: ${err.message}`, sessionsDir),
    // Events may have been missed: the registry and every live transcript are read again.
    onResync: () => {
      debounced.trigger();
      for (const f of followed.values()) if (!f.parked) f.settle.trigger();
    },
    clock: ctx.clock,
  });

  async function readRegistry(): Promise<SessionRecord[] | undefined> {
    let bytes: Buffer;
    try {
      // Bytes, not text: the parser decodes only the entries that changed.
      const handle = await open(sessionsJson, 'r');
      try {
        lastReadVersion = await handle.stat();
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return lastRecords === undefined ? [] : undefined;
      ctx.problem(`cannot read the session registry: ${(err as Error).message}`, sessionsJson);
      return undefined;
    }
    ctx.countBytes(bytes.length);
    const parsed = options.parseRegistry(bytes);
    if (!parsed.ok) {
      // Torn read (half-written file or copy fallback): keep the last good parse, retry soon.
      ctx.problem(
        `session registry unreadable, keeping the last good version: ${parsed.error}`,
        sessionsJson,
      );
      debounced.trigger();
      return undefined;
    }
    if (lastRecords && sameRecordList(lastRecords, parsed.records)) return undefined;
    lastRecords = parsed.records;
    for (const p of parsed.problems) ctx.problem(`session registry: ${p}`, sessionsJson);
    return parsed.records;
  }

  async function follow(record: SessionRecord, rotated: boolean): Promise<void> {
    if (record.transcript.kind !== 'jsonl') return;
    const file = record.transcript.path;
    const tailer = createTranscriptTailer({
      path: file,
      parse: options.parseEntry,
      maxInitialBytes: options.window.maxInitialBytes,
    });
    const entry: Followed = {
      key: record.key,
      path: file,
      tailer,
      rotated,
      settle: createSettle(ctx.clock, SETTLE_MS, () => {
        if (followed.get(record.key) === entry) void readCoalesced(entry);
      }),
      reading: undefined,
      again: false,
      parked: false,
    };
    followed.set(record.key, entry);
    keyByFile.set(path.basename(file), record.key);
    dirWatch.follow(file);
    const reportsBefore = lockReports.get(record.key) ?? 0;
    let lock = await exists(`${file}.lock`);
    // A lock event reported meanwhile saw the file later than this check did: it wins. Under load
    // the lock's removal was reported between the check and this line, the stale `true` then
    // overwrote it and the finished session was never parked (a file handle kept per session).
    if ((lockReports.get(record.key) ?? 0) === reportsBefore) writerActive.set(record.key, lock);
    else lock = writerActive.get(record.key) ?? lock;
    await readFollowed(entry, { always: true, writerActive: lock });
    parkIfOver(entry, record);
  }

  /**
   * No lock and the registry says the run is over: nothing is writing (a finished session seen at
   * startup, or a run whose lock came and went before the watcher saw it).
   */
  function parkIfOver(f: Followed, record: SessionRecord) {
    if (
      record.status !== 'running' &&
      followed.get(f.key) === f &&
      writerActive.get(f.key) === false &&
      !f.parked
    )
      park(f);
  }

  /** Stop following: the settle timer stops, the file handle is closed, the watcher may go. */
  function unfollow(f: Followed) {
    const name = path.basename(f.path);
    keyByFile.delete(name);
    f.settle.cancel();
    if (followed.get(f.key) === f) followed.delete(f.key);
    dirWatch.unfollow(f.path);
    void f.tailer.release();
  }

  /**
   * The writer of a followed session is gone (its lock was removed, or the registry says the run
   * is over and there is no lock) and its last entries are read: until the next run the transcript
   * holds no open handle and no read buffer, even when a late change event or settle read reopens
   * them. A soak kept both for every transcript it had followed: handles up to the pool's 256 and
   * a 64 KB buffer each. The tailer itself stays, with its offset and entry ids, so the next run
   * continues where this one ended; the lock's `add` (or a registry update saying `running`)
   * unparks it. The file stays watched: the lock's `add` is not the only sign of a next run.
   */
  function park(f: Followed) {
    f.parked = true;
    void f.tailer.release();
  }

  function unpark(f: Followed) {
    f.parked = false;
  }

  /**
   * The read for a change event: a burst of events for one file while a read runs becomes one
   * more read after it, not one read per event.
   */
  function readCoalesced(f: Followed): Promise<void> {
    if (f.reading) {
      f.again = true;
      return f.reading;
    }
    const run = async () => {
      do {
        f.again = false;
        await readFollowed(f);
      } while (f.again && followed.get(f.key) === f && !closed);
      f.reading = undefined;
    };
    f.reading = run();
    return f.reading;
  }

  async function readFollowed(f: Followed, extra: { always?: boolean; writerActive?: boolean } = {}) {
    let result: Awaited<ReturnType<TranscriptTailer['read']>>;
    try {
      result = await f.tailer.read();
    } catch (err) {
      ctx.problem(`cannot read transcript: ${(err as Error).message}`, f.path);
      return;
    }
    if (followed.get(f.key) !== f) {
      // Rotated away or removed while reading: this read may have reopened the handle.
      void f.tailer.release();
      return;
    }
    // A late change event or settle read of a parked transcript reopened the handle: give it back.
    if (f.parked) void f.tailer.release();
    ctx.countBytes(result.bytesRead);
    if (result.malformed.length > 0) {
      ctx.countMalformed(result.malformed.length);
      for (const m of result.malformed)
        ctx.problem(`malformed transcript line at byte ${m.offset}: ${m.error}`, f.path);
    }
    const rewritten = result.rewritten || f.rotated;
    if (result.entries.length === 0 && !rewritten && !extra.always) return;
    if (result.missing && f.rotated) return; // rotation reported once the new file exists
    f.rotated = false;
    emit(f.key, {
      entries: result.entries,
      ...(rewritten ? { rewritten: true } : {}),
      ...(extra.writerActive !== undefined ? { writerActive: extra.writerActive } : {}),
    });
  }

  async function applyRegistry(next: SessionRecord[], initial: boolean) {
    const now = ctx.clock.now();
    const seen = new Set<string>();
    const work: Promise<void>[] = [];
    for (const record of next) {
      seen.add(record.key);
      const previous = records.get(record.key);
      const changed = !sameRecord(previous, record);
      records.set(record.key, record);
      const current = followed.get(record.key);
      const newPath = record.transcript.kind === 'jsonl' ? record.transcript.path : undefined;
      if (current && newPath && current.path !== newPath) {
        // Rotation: same key, new sessionFile.
        unfollow(current);
        work.push(follow(record, true));
        continue;
      }
      if (!current && isRecent(record, now, options.window)) {
        work.push(follow(record, false));
        continue;
      }
      if (current && record.status === 'running') unpark(current);
      if (!changed && !initial) continue;
      // A followed session's new record goes out together with whatever was appended meanwhile.
      if (current) work.push(readFollowed(current, { always: true }).then(() => parkIfOver(current, record)));
      else emit(record.key, { entries: [] });
      // The run is over by the registry while its lock still counts as held: the lock's last
      // event may have been lost (chokidar dropped a path's removal within 100 ms of the one
      // before; an inotify queue can overflow). A fresh look at the lock, through the same
      // handler as its events, parks the session if the lock is gone; otherwise its handle and
      // buffer stay until it is pruned.
      if (current && !current.parked && record.status !== 'running' && writerActive.get(record.key))
        void onLockEvent(`${current.path}.lock`, path.basename(current.path));
    }
    for (const key of [...records.keys()]) {
      if (seen.has(key)) continue;
      const f = followed.get(key);
      if (f) unfollow(f);
      emit(key, { entries: [], removed: true });
      records.delete(key);
      writerActive.delete(key);
      lockReports.delete(key);
    }
    await Promise.all(work);
  }

  /** A reload queued behind the running one: later callers share it (one read per burst). */
  let queuedReload: Promise<void> | undefined;

  function reloadRegistry(initial = false): Promise<void> {
    if (queuedReload && !initial) return queuedReload;
    const run = async () => {
      if (queuedReload === mine) queuedReload = undefined;
      if (closed) return;
      const next = await readRegistry();
      if (next) await applyRegistry(next, initial);
    };
    const mine: Promise<void> = registryQueue.then(run, run);
    registryQueue = mine;
    if (!initial) queuedReload = mine;
    return mine;
  }

  const onLockEvent = createLockEvents({
    async keyOf(transcript) {
      if (!keyByFile.has(transcript)) await reloadRegistry();
      return keyByFile.get(transcript);
    },
    exists,
    async report(key, active) {
      if (closed) return;
      lockReports.set(key, (lockReports.get(key) ?? 0) + 1);
      const changed = writerActive.get(key) !== active;
      writerActive.set(key, active);
      const f = followed.get(key);
      if (active || !f) {
        if (f) unpark(f);
        if (changed) emit(key, { entries: [], writerActive: active });
        return;
      }
      // The writer is gone: whatever it appended last is read before reporting it (a lock that was
      // already gone when the session was followed is reported by that first read); then the
      // transcript costs nothing until the next run (see park).
      if (f.parked) return;
      await readFollowed(f, changed ? { always: true, writerActive: false } : {});
      if (followed.get(key) === f && writerActive.get(key) === false) park(f);
    },
  });

  async function onFileEvent(p: string) {
    if (closed) return;
    const name = path.basename(p);
    if (p === sessionsJson) {
      debounced.trigger();
      registrySettle.trigger();
      return;
    }
    if (isLockName(name)) {
      await onLockEvent(p, name.slice(0, -'.lock'.length));
      return;
    }
    if (!isTranscriptName(name)) return;
    let key = keyByFile.get(name);
    if (!key) {
      // The registry names a new session before its transcript exists, but the debounced
      // re-read may still be pending.
      await reloadRegistry();
      key = keyByFile.get(name);
    }
    const f = key ? followed.get(key) : undefined;
    if (f) {
      f.settle.trigger();
      await readCoalesced(f);
    }
  }

  return {
    agent,
    era: 'jsonl',
    paths: [sessionsDir],
    async start() {
      await dirWatch.start();
      await reloadRegistry(true);
    },
    async close() {
      closed = true;
      debounced.cancel();
      registrySettle.cancel();
      for (const f of followed.values()) f.settle.cancel();
      await dirWatch.close();
      await registryQueue.catch(() => undefined);
      await Promise.all([...followed.values()].map((f) => f.tailer.release()));
    },
    tracked: () => followed.size,
    retained: () => ({
      followed: followed.size,
      parked: [...followed.values()].filter((f) => f.parked).length,
      bufferBytes: [...followed.values()].reduce((n, f) => n + f.tailer.keptBytes(), 0),
      pooledViews: [...followed.values()].reduce((n, f) => n + f.tailer.pooledViews(), 0),
      pendingLockEvents: onLockEvent.pending(),
      watchedTranscripts: dirWatch.watchedTranscripts(),
    }),
  };
}

function sameRecordList(a: SessionRecord[], b: SessionRecord[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

async function fileExists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
