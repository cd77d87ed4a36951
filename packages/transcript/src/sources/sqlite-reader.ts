// The only code that talks to OpenClaw's SQLite database (≥ 2026.8). Read-only by construction:
// the connection is opened with readOnly, and nothing here issues a write, a checkpoint or a
// journal-mode pragma. Every query is a short read transaction, so the gateway's writer is never
// held up. Rows are returned raw; parsing lives in the pure core.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { zstdDecompressSync } from 'node:zlib';

export interface TranscriptRow {
  seq: number;
  json: string;
  bytes: number;
}

export interface RegistryRows {
  nodes: Record<string, unknown>[];
  windows: Record<string, unknown>[];
  conversations: Record<string, unknown>[];
}

export interface SqliteReader {
  /** Changes whenever another connection committed (PRAGMA data_version). */
  dataVersion(): number;
  /** A cheap fingerprint of the registry tables; changes when a row is added, removed or updated. */
  registryFingerprint(): string;
  registryRows(): RegistryRows;
  maxSeq(sessionId: string): number | undefined;
  rowsAfter(sessionId: string, afterSeq: number): TranscriptRow[];
  close(): void;
}

export class SqliteOpenError extends Error {
  override name = 'SqliteOpenError';
}

const BUSY_CODES = new Set([5, 6]); // SQLITE_BUSY, SQLITE_LOCKED (primary codes)

/** True for SQLITE_BUSY / SQLITE_LOCKED (also extended codes), which are worth retrying. */
export function isBusyError(err: unknown): boolean {
  const e = err as { errcode?: number; message?: string };
  if (typeof e?.errcode === 'number' && BUSY_CODES.has(e.errcode & 0xff)) return true;
  return /database is (locked|busy)/i.test(e?.message ?? '');
}

/**
 * Why a read-only open would have to create files, or undefined when it would not: a database in
 * WAL mode (header bytes 18/19 = 2) is read through its -wal and -shm files, and a read-only
 * connection that finds them missing makes SQLite create them (or fail in a read-only directory).
 * They exist while the gateway runs; when it is stopped nothing changes, so the reader waits.
 */
export function missingWalCompanions(dbPath: string): string | undefined {
  let header: Buffer;
  try {
    const fd = openSync(dbPath, 'r');
    try {
      header = Buffer.alloc(20);
      readSync(fd, header, 0, 20, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined; // let the open report it
  }
  if (header[18] !== 2 || header[19] !== 2) return undefined;
  const missing = ['-wal', '-shm'].filter((s) => !existsSync(`${dbPath}${s}`));
  if (missing.length === 0) return undefined;
  return (
    `${dbPath} is a WAL database and its ${missing.join(' and ')} file${missing.length > 1 ? 's are' : ' is'} missing: ` +
    'a read-only reader needs the -wal and -shm files to exist already (they do while the OpenClaw gateway runs); ' +
    "waiting for them rather than creating files in OpenClaw's directory. A read-only mount of " +
    'agents/<agent>/agent works while the gateway is running.'
  );
}

export function openSqliteReader(dbPath: string): SqliteReader {
  const missing = missingWalCompanions(dbPath);
  if (missing) throw new SqliteOpenError(missing);
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(dbPath, { readOnly: true });
    // Opening is lazy: the first read is what finds out whether the WAL can be used.
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
  } catch (err) {
    if (isBusyError(err)) throw err;
    throw new SqliteOpenError(explainOpenError(dbPath, err));
  }
  const stmt = {
    dataVersion: db.prepare('PRAGMA data_version'),
    nodesPrint: db.prepare('SELECT count(*) AS n, max(updated_at) AS u FROM session_nodes'),
    windowsPrint: db.prepare('SELECT count(*) AS n, max(updated_at) AS u FROM session_windows'),
    conversationsPrint: db.prepare('SELECT count(*) AS n, max(updated_at) AS u FROM conversations'),
    nodes: db.prepare('SELECT * FROM session_nodes'),
    windows: db.prepare('SELECT * FROM session_windows'),
    conversations: db.prepare('SELECT * FROM conversations'),
    maxSeq: db.prepare('SELECT max(seq) AS m FROM transcript_events WHERE session_id = ?'),
    rowsAfter: db.prepare(
      'SELECT seq, event_json, event_zstd FROM transcript_events WHERE session_id = ? AND seq > ? ORDER BY seq',
    ),
  };
  const print = (s: typeof stmt.nodesPrint) => {
    const r = s.get() as { n: number; u: number | null } | undefined;
    return `${r?.n ?? 0}/${r?.u ?? ''}`;
  };
  return {
    dataVersion: () => Number((stmt.dataVersion.get() as { data_version: number }).data_version),
    registryFingerprint: () =>
      `${print(stmt.nodesPrint)}|${print(stmt.windowsPrint)}|${print(stmt.conversationsPrint)}`,
    registryRows: () => ({
      nodes: stmt.nodes.all() as Record<string, unknown>[],
      windows: stmt.windows.all() as Record<string, unknown>[],
      conversations: stmt.conversations.all() as Record<string, unknown>[],
    }),
    maxSeq: (sessionId) => {
      const m = (stmt.maxSeq.get(sessionId) as { m: number | null } | undefined)?.m;
      return m === null || m === undefined ? undefined : Number(m);
    },
    rowsAfter: (sessionId, afterSeq) =>
      (
        stmt.rowsAfter.all(sessionId, afterSeq) as Array<{
          seq: number;
          event_json: string | null;
          event_zstd: Uint8Array | null;
        }>
      ).map((r) => {
        if (r.event_json !== null)
          return { seq: Number(r.seq), json: r.event_json, bytes: Buffer.byteLength(r.event_json) };
        const raw = r.event_zstd ?? new Uint8Array(0);
        // Big rows are stored zstd-compressed (design §2); a corrupt blob becomes a malformed line.
        let json: string;
        try {
          json = zstdDecompressSync(raw).toString('utf8');
        } catch (err) {
          json = `\u0000zstd: ${(err as Error).message}`;
        }
        return { seq: Number(r.seq), json, bytes: raw.byteLength };
      }),
    close: () => db.close(),
  };
}

function explainOpenError(dbPath: string, err: unknown): string {
  const message = (err as Error).message ?? String(err);
  if (/unable to open|readonly|read-only|cannot open/i.test(message)) {
    return (
      `cannot open ${dbPath} read-only (${message}). OpenClaw runs this database in WAL mode: a read-only ` +
      'reader needs the -wal and -shm files beside it to exist already (they do while the gateway runs), or ' +
      'write access to the directory so SQLite can create them. For a read-only mount, mount the whole ' +
      'agents/<agent>/agent directory while the gateway is running.'
    );
  }
  return `cannot open ${dbPath} read-only: ${message}`;
}
