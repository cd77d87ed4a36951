// SQLite era replay: a copy of the real database (schema, settings, unrelated tables intact),
// switched to WAL and emptied of sessions, then the real rows written back the way OpenClaw's
// writer does — session_nodes/session_windows rows when a run starts (status running), one
// transcript_events row per entry in seq order, the final registry rows at the end — through one
// writer connection that stays open for the whole replay.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { zstdCompressSync, zstdDecompressSync } from 'node:zlib';
import { gapMs, insideRoot, type ReplayRunOptions } from './pacing.ts';
import { retimeLine } from './retime.ts';

type Row = Record<string, SQLInputValue>;

export type SqliteReplayStep =
  | { at: number; kind: 'session-start'; key: string; node: Row; windows: Row[] }
  | { at: number; kind: 'event'; sessionId: string; seq: number; event: Row; identities: Row[] }
  | { at: number; kind: 'session-end'; key: string; node: Row; windows: Row[] };

export interface SqliteReplay {
  dbPath: string;
  /** The writer connection (WAL); stays open until `close`. */
  writer: DatabaseSync;
  /** Steps in the order OpenClaw wrote them (fixture times, ms). */
  steps: SqliteReplayStep[];
  /** Writes one step in its own transaction. */
  apply(step: SqliteReplayStep): void;
  close(): void;
}

const TIME_SUFFIX = '_at';
const ENTRY_TIME_FIELDS = [
  'updatedAt',
  'startedAt',
  'endedAt',
  'sessionStartedAt',
  'lastInteractionAt',
  'lastActivityAt',
];

function shiftRow(row: Row, offset: number): Row {
  const out: Row = { ...row };
  for (const [k, v] of Object.entries(out)) {
    if (k.endsWith(TIME_SUFFIX) && typeof v === 'number') out[k] = v + offset;
  }
  return out;
}

/** An event row with its entry's own clocks shifted (compressed rows stay compressed). */
function retimeEvent(row: Row, offset: number): Row {
  const out: Row = { ...row };
  if (typeof out.event_json === 'string') {
    out.event_json = retimeLine(out.event_json, offset);
    out.event_utf8_bytes = Buffer.byteLength(out.event_json);
  } else if (out.event_zstd instanceof Uint8Array) {
    const json = retimeLine(zstdDecompressSync(out.event_zstd).toString('utf8'), offset);
    out.event_zstd = zstdCompressSync(Buffer.from(json));
    out.event_utf8_bytes = Buffer.byteLength(json);
  }
  return out;
}

function shiftEntryJson(text: unknown, offset: number, running: boolean): unknown {
  if (typeof text !== 'string') return text;
  try {
    const entry = JSON.parse(text) as Record<string, unknown>;
    for (const f of ENTRY_TIME_FIELDS)
      if (typeof entry[f] === 'number') entry[f] = (entry[f] as number) + offset;
    if (running) {
      entry.status = 'running';
      delete entry.endedAt;
      delete entry.runtimeMs;
    }
    return JSON.stringify(entry);
  } catch {
    return text;
  }
}

function insertSql(table: string, row: Row): string {
  const cols = Object.keys(row);
  return `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
}

function updateSql(table: string, row: Row, pk: string): string {
  const cols = Object.keys(row).filter((c) => c !== pk);
  return `UPDATE ${table} SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE "${pk}" = ?`;
}

function run(db: DatabaseSync, sql: string, values: SQLInputValue[]) {
  db.prepare(sql).run(...values);
}

/**
 * Copies the fixture's database to `<stateDir>/agents/<agent>/agent/openclaw-agent.sqlite`,
 * switches it to WAL, empties it of sessions and returns the steps that write them back.
 * Times are shifted so the replayed run happens now.
 */
export async function prepareSqliteReplay(options: {
  fixtureDir: string;
  stateDir: string;
  agent?: string;
  now?: number;
  /** Shift each entry's own timestamps by the same offset as the rows (see retime.ts). */
  retime?: boolean;
}): Promise<SqliteReplay> {
  const agent = options.agent ?? 'main';
  const dir = insideRoot(options.stateDir, path.join(options.stateDir, 'agents', agent, 'agent'));
  await mkdir(dir, { recursive: true });
  const dbPath = insideRoot(options.stateDir, path.join(dir, 'openclaw-agent.sqlite'));
  for (const suffix of ['', '-wal', '-shm']) await rm(`${dbPath}${suffix}`, { force: true });
  await copyFile(path.join(options.fixtureDir, 'openclaw-agent.sqlite'), dbPath);

  const writer = new DatabaseSync(dbPath);
  writer.exec('PRAGMA journal_mode = WAL');
  const all = (sql: string) => writer.prepare(sql).all() as Row[];
  const nodes = all('SELECT * FROM session_nodes');
  const windows = all('SELECT * FROM session_windows');
  const events = all('SELECT * FROM transcript_events ORDER BY created_at, session_id, seq');
  const identities = all('SELECT * FROM transcript_event_identities');
  writer.exec('BEGIN IMMEDIATE');
  writer.exec('DELETE FROM transcript_event_identities');
  writer.exec('DELETE FROM transcript_events');
  writer.exec('DELETE FROM session_windows');
  writer.exec('DELETE FROM session_nodes');
  writer.exec('COMMIT');

  const plans = nodes.map((node) => {
    const key = String(node.session_key);
    const own = windows.filter((w) => w.session_key === key);
    const ownIds = new Set(own.map((w) => String(w.session_id)));
    const ownEvents = events.filter((e) => ownIds.has(String(e.session_id)));
    // created_at may be NULL (local runs): the run started no later than its first row.
    const times = [node.created_at, ...own.map((w) => w.created_at), ...ownEvents.map((e) => e.created_at)]
      .filter((t): t is number => typeof t === 'number')
      .concat(Number(node.updated_at));
    return { node, key, own, ownEvents, start: Math.min(...times) };
  });
  const firstAt = Math.min(...plans.map((p) => p.start));
  const offset = (options.now ?? Date.now()) - firstAt;
  const steps: SqliteReplayStep[] = [];
  for (const { node, key, own, ownEvents, start } of plans) {
    const lastEvent = Math.max(start, ...ownEvents.map((e) => Number(e.created_at)));
    const end = Math.max(lastEvent, ...own.map((w) => Number(w.ended_at ?? 0))) + 1;
    const runningNode = shiftRow({ ...node, status: 'running' }, offset);
    runningNode.updated_at = start + offset;
    runningNode.entry_json = shiftEntryJson(node.entry_json, offset, true) as SQLInputValue;
    const runningWindows = own.map((w) => shiftRow({ ...w, status: 'running', ended_at: null }, offset));
    steps.push({ at: start, kind: 'session-start', key, node: runningNode, windows: runningWindows });
    for (const e of ownEvents) {
      const ids = identities
        .filter((i) => i.session_id === e.session_id && i.seq === e.seq)
        .map((i) => shiftRow(i, offset));
      steps.push({
        at: Number(e.created_at),
        kind: 'event',
        sessionId: String(e.session_id),
        seq: Number(e.seq),
        event: options.retime ? retimeEvent(shiftRow(e, offset), offset) : shiftRow(e, offset),
        identities: ids,
      });
    }
    const finalNode = shiftRow(node, offset);
    finalNode.entry_json = shiftEntryJson(node.entry_json, offset, false) as SQLInputValue;
    steps.push({
      at: end,
      kind: 'session-end',
      key,
      node: finalNode,
      windows: own.map((w) => shiftRow(w, offset)),
    });
  }
  const order = { 'session-start': 0, event: 1, 'session-end': 2 } as const;
  steps.sort((a, b) => a.at - b.at || order[a.kind] - order[b.kind]);

  const apply = (step: SqliteReplayStep) => {
    writer.exec('BEGIN IMMEDIATE');
    try {
      if (step.kind === 'session-start') {
        run(writer, insertSql('session_nodes', step.node), Object.values(step.node));
        for (const w of step.windows) run(writer, insertSql('session_windows', w), Object.values(w));
      } else if (step.kind === 'event') {
        run(writer, insertSql('transcript_events', step.event), Object.values(step.event));
        for (const i of step.identities)
          run(writer, insertSql('transcript_event_identities', i), Object.values(i));
      } else {
        const { session_key: key, ...rest } = step.node;
        run(writer, updateSql('session_nodes', step.node, 'session_key'), [
          ...Object.values(rest),
          key ?? null,
        ]);
        for (const w of step.windows) {
          const { session_id: id, ...wrest } = w;
          run(writer, updateSql('session_windows', w, 'session_id'), [...Object.values(wrest), id ?? null]);
        }
      }
      writer.exec('COMMIT');
    } catch (err) {
      writer.exec('ROLLBACK');
      throw err;
    }
  };
  return { dbPath, writer, steps, apply, close: () => writer.close() };
}

export type SqliteReplayOptions = ReplayRunOptions<SqliteReplayStep>;

export async function replaySqlite(options: SqliteReplayOptions): Promise<void> {
  const replay = await prepareSqliteReplay({
    fixtureDir: options.fixtureDir,
    stateDir: options.stateDir,
    ...(options.agent ? { agent: options.agent } : {}),
    now: options.now(),
    ...(options.retime ? { retime: true } : {}),
  });
  try {
    let prevAt = replay.steps[0]?.at ?? 0;
    for (const step of replay.steps) {
      options.signal?.throwIfAborted();
      const wait = gapMs(prevAt, step.at, options);
      if (wait > 0) await options.sleep(wait, options.signal);
      prevAt = step.at;
      replay.apply(step);
      await options.onStep?.(step);
    }
  } finally {
    replay.close();
  }
}
