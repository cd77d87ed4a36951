// SQLite era (OpenClaw ≥ 2026.8): one agent's `agent/openclaw-agent.sqlite`. Polled by `seq`
// watermark per followed session whenever the database or its -wal changes (fs.watch on the
// directory) and on a slow timer as a fallback, with SQLITE_BUSY retried with backoff. The
// registry tables are re-read only when their fingerprint changes.
import { type FSWatcher, watch } from 'node:fs';
import path from 'node:path';
import type { SessionRecord, TranscriptEntry } from '../types.ts';
import {
  type AgentSource,
  type AgentSourceContext,
  isRecent,
  type ParseEntry,
  type StartupWindow,
  sameRecord,
} from './agent-source.ts';
import { sleep } from './source-clock.ts';
import {
  isBusyError,
  openSqliteReader,
  type RegistryRows,
  SqliteOpenError,
  type SqliteReader,
} from './sqlite-reader.ts';

export type SqliteRegistryParser = (rows: RegistryRows) => SessionRecord[];

export interface SqliteAgentOptions {
  agent: string;
  dbPath: string;
  parseEntry: ParseEntry;
  parseRegistry: SqliteRegistryParser;
  window: StartupWindow;
  /** Fallback poll when no file event arrives (ms). */
  pollIntervalMs: number;
  /** Backoff delays for SQLITE_BUSY (ms); the poll gives up after the last and waits for the next trigger. */
  busyBackoffMs?: number[];
}

interface Followed {
  key: string;
  sessionId: string;
  watermark: number;
  seen: Set<string>;
}

const DEFAULT_BACKOFF = [5, 10, 20, 40, 80, 160, 320];

export function createSqliteAgentSource(options: SqliteAgentOptions, ctx: AgentSourceContext): AgentSource {
  const { agent, dbPath } = options;
  const dir = path.dirname(dbPath);
  const base = path.basename(dbPath);
  const records = new Map<string, SessionRecord>();
  const followed = new Map<string, Followed>();
  let reader: SqliteReader | undefined;
  let fsWatcher: FSWatcher | undefined;
  let timer: unknown;
  let closed = false;
  let lastDataVersion = -1;
  let lastRegistryPrint = '';
  let running: Promise<void> | undefined;
  let again = false;
  let lastOpenError: string | undefined;

  const emit = (
    key: string,
    entries: TranscriptEntry[],
    extra: { rewritten?: boolean; removed?: boolean } = {},
  ) => {
    if (closed) return;
    const record = records.get(key);
    ctx.emit({ agent, key, ...(record ? { record } : {}), entries, ...extra });
  };

  function readEntries(f: Followed, afterSeq: number): TranscriptEntry[] {
    const r = reader as SqliteReader;
    const rows = r.rowsAfter(f.sessionId, afterSeq);
    const entries: TranscriptEntry[] = [];
    for (const row of rows) {
      ctx.countBytes(row.bytes);
      f.watermark = Math.max(f.watermark, row.seq);
      const parsed = options.parseEntry(row.json);
      if (!parsed.ok) {
        ctx.countMalformed(1);
        ctx.problem(`malformed transcript row ${f.sessionId}#${row.seq}: ${parsed.error}`, dbPath);
        continue;
      }
      const id = parsed.entry.id;
      if (id && f.seen.has(id)) continue;
      if (id) f.seen.add(id);
      entries.push(parsed.entry);
    }
    return entries;
  }

  function startFollowing(record: SessionRecord, rotated: boolean) {
    if (record.transcript.kind !== 'sqlite') return;
    const r = reader as SqliteReader;
    const sessionId = record.transcript.sessionId;
    const max = r.maxSeq(sessionId);
    const f: Followed = { key: record.key, sessionId, watermark: -1, seen: new Set() };
    followed.set(record.key, f);
    const from = max === undefined ? -1 : Math.max(-1, max - options.window.maxInitialRows);
    f.watermark = from;
    emit(record.key, readEntries(f, from), rotated ? { rewritten: true } : {});
  }

  function syncRegistry(initial: boolean) {
    const r = reader as SqliteReader;
    const print = r.registryFingerprint();
    if (print === lastRegistryPrint && !initial) return;
    lastRegistryPrint = print;
    let next: SessionRecord[];
    try {
      next = options.parseRegistry(r.registryRows());
    } catch (err) {
      ctx.problem(
        `session registry rows unreadable, keeping the last good version: ${(err as Error).message}`,
        dbPath,
      );
      return;
    }
    const now = ctx.clock.now();
    const seen = new Set<string>();
    for (const record of next) {
      seen.add(record.key);
      const changed = !sameRecord(records.get(record.key), record);
      records.set(record.key, record);
      const f = followed.get(record.key);
      const sessionId = record.transcript.kind === 'sqlite' ? record.transcript.sessionId : undefined;
      if (f && sessionId && f.sessionId !== sessionId) {
        followed.delete(record.key);
        startFollowing(record, true);
      } else if (!f && isRecent(record, now, options.window)) {
        startFollowing(record, false);
      } else if (changed || initial) {
        emit(record.key, []);
      }
    }
    for (const key of [...records.keys()]) {
      if (seen.has(key)) continue;
      followed.delete(key);
      emit(key, [], { removed: true });
      records.delete(key);
    }
  }

  function pollOnce(initial: boolean) {
    const r = reader as SqliteReader;
    const version = r.dataVersion();
    if (!initial && version === lastDataVersion) return;
    lastDataVersion = version;
    syncRegistry(initial);
    for (const f of [...followed.values()]) {
      const max = r.maxSeq(f.sessionId);
      if (max !== undefined && max < f.watermark) {
        // Rows were removed (a transcript rewrite): re-read the bounded tail, de-duplicated by id.
        f.watermark = Math.max(-1, max - options.window.maxInitialRows);
        emit(f.key, readEntries(f, f.watermark), { rewritten: true });
        continue;
      }
      if (max === undefined || max <= f.watermark) continue;
      const entries = readEntries(f, f.watermark);
      if (entries.length > 0) emit(f.key, entries);
    }
  }

  async function pollWithRetry(initialPoll: boolean) {
    let initial = initialPoll;
    const backoff = options.busyBackoffMs ?? DEFAULT_BACKOFF;
    for (let attempt = 0; ; attempt++) {
      if (closed) return;
      try {
        if (!reader) {
          reader = openSqliteReader(dbPath);
          initial = true;
        }
        pollOnce(initial);
        return;
      } catch (err) {
        if (err instanceof SqliteOpenError) {
          // Reported once per distinct reason; the next change or timer tick tries again.
          if (err.message !== lastOpenError) ctx.problem(err.message, dbPath);
          lastOpenError = err.message;
          return;
        }
        const delay = backoff[attempt];
        if (!isBusyError(err)) throw err;
        if (delay === undefined) {
          ctx.problem(`database busy after ${attempt} retries; will retry on the next change`, dbPath);
          return;
        }
        await sleep(ctx.clock, delay);
      }
    }
  }

  /** Coalesces triggers: one poll at a time, and one more if something arrived meanwhile. */
  function trigger(initial = false): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let first = true;
        do {
          again = false;
          await pollWithRetry(initial && first);
          first = false;
        } while (again && !closed);
      } catch (err) {
        ctx.problem(`poll failed: ${(err as Error).message}`, dbPath);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  function armTimer() {
    if (closed) return;
    timer = ctx.clock.setTimeout(() => {
      void trigger().finally(armTimer);
    }, options.pollIntervalMs);
  }

  return {
    agent,
    era: 'sqlite',
    paths: [dbPath],
    async start() {
      try {
        fsWatcher = watch(dir, (_event, name) => {
          if (name === base || name === `${base}-wal` || (!reader && name === `${base}-shm`)) void trigger();
        });
        fsWatcher.on('error', (err) => ctx.problem(`watch: ${err.message}`, dir));
      } catch (err) {
        ctx.problem(
          `cannot watch ${dir}, polling every ${options.pollIntervalMs} ms: ${(err as Error).message}`,
          dir,
        );
      }
      await trigger(true);
      armTimer();
    },
    async close() {
      closed = true;
      if (timer !== undefined) ctx.clock.clearTimeout(timer);
      fsWatcher?.close();
      await running;
      reader?.close();
      reader = undefined;
    },
    tracked: () => followed.size,
  };
}
