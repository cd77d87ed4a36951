// The production wiring: the session source with the core's parsers.
import { parseEntry } from '../core/parse-entry.ts';
import { createSessionsJsonReader } from '../core/sessions-json-reader.ts';
import { recordsFromSqliteRows } from '../core/sqlite-rows.ts';
import type { SessionSource } from '../types.ts';
import { createSessionSourceWith, type SessionSourceOptions } from './session-source.ts';

/**
 * Follows OpenClaw sessions: every agent under `stateDir` (era detected per agent) or the
 * explicit `transcriptDir`/`sessionsJson` or `stateDb`. Read-only; history is read bounded.
 */
export function createSessionSource(options: SessionSourceOptions): SessionSource {
  return createSessionSourceWith(
    { parseEntry, sessionsJsonReader: createSessionsJsonReader, recordsFromSqliteRows },
    options,
  );
}
