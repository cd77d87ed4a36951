// The JSONL-era registry: `sessions.json` = {sessionKey: SessionEntry}. OpenClaw replaces it by
// rename many times per run and may fall back to copying, so a reader can see a torn file: that is
// an error value and the caller keeps its last good parse.
import path from 'node:path';
import type { SessionRecord } from '../types.ts';
import { commonFields, isRecord, str } from './registry-entry.ts';
import { agentFromKey, threadFromKey } from './session-key.ts';

export interface SessionsJsonContext {
  /** Agent whose sessions folder this is (`agents/<agent>/sessions`). */
  agent: string;
  /** The watched sessions folder: where transcripts are looked for when `sessionFile` is elsewhere. */
  sessionsDir: string;
  /** Whether a path exists (injected: the parser itself touches no files). */
  exists?: (p: string) => boolean;
}

export type SessionsJsonResult =
  | { ok: true; records: SessionRecord[]; problems: string[] }
  | { ok: false; error: string };

export function parseSessionsJson(text: string, ctx: SessionsJsonContext): SessionsJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return {
      ok: false,
      error: `sessions.json is not valid JSON (torn write?): ${(err as Error).message.slice(0, 80)}`,
    };
  }
  if (!isRecord(value)) return { ok: false, error: 'sessions.json is not a JSON object' };
  const records: SessionRecord[] = [];
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(value)) {
    const outcome = entryRecord(key, entry, ctx);
    if ('problem' in outcome) problems.push(outcome.problem);
    else records.push(outcome.record);
  }
  return { ok: true, records, problems };
}

/**
 * One registry entry as a record, or why it has none. `probe` is set when the transcript path
 * hangs on whether `sessionFile` exists here: the only part of the outcome that can change while
 * the entry's text does not (the incremental reader resolves it again on every read).
 */
export type EntryOutcome = { record: SessionRecord; probe?: string } | { problem: string };

export function entryRecord(key: string, entry: unknown, ctx: SessionsJsonContext): EntryOutcome {
  if (!isRecord(entry)) return { problem: `entry ${JSON.stringify(key.slice(0, 120))} is not an object` };
  const sessionId = str(entry.sessionId);
  if (!sessionId) return { problem: `entry ${JSON.stringify(key.slice(0, 120))} has no sessionId` };
  const sessionFile = str(entry.sessionFile);
  const record: SessionRecord = {
    key,
    sessionId,
    agent: agentFromKey(key) || ctx.agent,
    ...commonFields(key, entry),
    transcript: { kind: 'jsonl', path: transcriptPath(key, sessionId, sessionFile, ctx) },
  };
  const probe =
    sessionFile !== undefined &&
    ctx.exists &&
    localTranscriptPath(sessionFile, ctx.sessionsDir) !== sessionFile
      ? sessionFile
      : undefined;
  return probe === undefined ? { record } : { record, probe };
}

/**
 * Where a transcript is readable from here. `sessionFile` is an absolute path on the gateway's
 * filesystem; where it does not exist (daemon in Docker, copied folders) the same file name is
 * looked for in the watched sessions folder.
 */
export function resolveTranscriptPath(
  sessionFile: string,
  sessionsDir: string,
  exists?: (p: string) => boolean,
): string {
  const local = localTranscriptPath(sessionFile, sessionsDir);
  // Where both answers are the same file there is nothing to ask the filesystem.
  if (local === sessionFile) return local;
  return exists?.(sessionFile) ? sessionFile : local;
}

function localTranscriptPath(sessionFile: string, sessionsDir: string): string {
  const base = sessionFile.split(/[\\/]/).pop() ?? '';
  return path.join(sessionsDir, base && base !== '..' && base !== '.' ? base : 'invalid-session-file');
}

function transcriptPath(
  key: string,
  sessionId: string,
  sessionFile: string | undefined,
  ctx: SessionsJsonContext,
) {
  if (sessionFile) return resolveTranscriptPath(sessionFile, ctx.sessionsDir, ctx.exists);
  // Before the first run writes `sessionFile`, OpenClaw's own naming is the best guess.
  const thread = threadFromKey(key);
  const safeId = sessionId.replace(/[\\/]/g, '_');
  return path.join(ctx.sessionsDir, thread ? `${safeId}-topic-${thread}.jsonl` : `${safeId}.jsonl`);
}
