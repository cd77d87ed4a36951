// A plain dump of what OpenClaw wrote under a state directory, in either storage era: for
// assertions in end-to-end tests and for waiting until a gateway has gone quiet. This is not
// the live source (that is @livestatus/transcript's job): it re-reads everything on each call.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { zstdDecompressSync } from 'node:zlib';

export interface WrittenSession {
  agent: string;
  key: string;
  sessionId: string;
  /** Registry run status (`running`, `done`, `failed`, `timeout`, …) or null. */
  status: string | null;
  /** Parent key of a sub-agent (`spawnedBy` / `spawned_by`). */
  spawnedBy?: string;
  label?: string;
  /** Transcript entries as OpenClaw stored them (JSONL lines / `transcript_events` rows in seq order). */
  entries: Record<string, unknown>[];
}

export interface WrittenState {
  era: 'jsonl' | 'sqlite' | 'none';
  /** The files read (sessions.json + transcripts, or the agent DBs). */
  files: string[];
  sessions: WrittenSession[];
}

type Row = Record<string, unknown>;

function agentsOf(stateDir: string): string[] {
  const dir = join(stateDir, 'agents');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function parseLines(text: string): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a torn last line while OpenClaw is writing: the next read has it whole
    }
  }
  return entries;
}

function readJsonlAgent(stateDir: string, agent: string, files: string[]): WrittenSession[] {
  const dir = join(stateDir, 'agents', agent, 'sessions');
  const registryPath = join(dir, 'sessions.json');
  if (!existsSync(registryPath)) return [];
  let registry: Record<string, Row>;
  try {
    registry = JSON.parse(readFileSync(registryPath, 'utf8')) as Record<string, Row>;
  } catch {
    return [];
  }
  files.push(registryPath);
  return Object.entries(registry).map(([key, entry]) => {
    const sessionId = String(entry.sessionId ?? '');
    // sessionFile is absolute on the writer's filesystem; its file name inside `dir` is what we can read.
    const name = typeof entry.sessionFile === 'string' ? basename(entry.sessionFile) : `${sessionId}.jsonl`;
    const path = join(dir, name);
    const entries = existsSync(path) ? parseLines(readFileSync(path, 'utf8')) : [];
    if (existsSync(path)) files.push(path);
    return {
      agent,
      key,
      sessionId,
      status: typeof entry.status === 'string' ? entry.status : null,
      ...(typeof entry.spawnedBy === 'string' ? { spawnedBy: entry.spawnedBy } : {}),
      ...(typeof entry.label === 'string' ? { label: entry.label } : {}),
      entries,
    };
  });
}

function eventOf(row: Row): Record<string, unknown> {
  if (typeof row.event_json === 'string') return JSON.parse(row.event_json) as Record<string, unknown>;
  const zstd = row.event_zstd;
  if (zstd instanceof Uint8Array)
    return JSON.parse(zstdDecompressSync(zstd).toString('utf8')) as Record<string, unknown>;
  return {};
}

function readSqliteAgent(dbPath: string, agent: string): WrittenSession[] {
  // Read-only: OpenClaw owns the DB (WAL); a reader must never write or checkpoint it.
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    const nodes = db
      .prepare(
        'SELECT session_key, current_session_id, status, spawned_by, parent_session_key, label FROM session_nodes',
      )
      .all() as Row[];
    const events = db.prepare(
      'SELECT event_json, event_zstd FROM transcript_events WHERE session_id = ? ORDER BY seq',
    );
    return nodes.map((node) => {
      const sessionId = String(node.current_session_id ?? '');
      const parent = node.spawned_by ?? node.parent_session_key;
      return {
        agent,
        key: String(node.session_key),
        sessionId,
        status: typeof node.status === 'string' ? node.status : null,
        ...(typeof parent === 'string' ? { spawnedBy: parent } : {}),
        ...(typeof node.label === 'string' ? { label: node.label } : {}),
        entries: (events.all(sessionId) as Row[]).map(eventOf),
      };
    });
  } finally {
    db.close();
  }
}

/** Everything OpenClaw wrote under `stateDir` (the `.openclaw` folder), every agent. */
export function readWrittenState(stateDir: string): WrittenState {
  const files: string[] = [];
  const sessions: WrittenSession[] = [];
  let era: WrittenState['era'] = 'none';
  for (const agent of agentsOf(stateDir)) {
    const dbPath = join(stateDir, 'agents', agent, 'agent', 'openclaw-agent.sqlite');
    if (existsSync(dbPath)) {
      era = 'sqlite';
      files.push(dbPath);
      sessions.push(...readSqliteAgent(dbPath, agent));
      continue;
    }
    const found = readJsonlAgent(stateDir, agent, files);
    if (found.length > 0) era = 'jsonl';
    sessions.push(...found);
  }
  return { era, files, sessions };
}
