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
    if (!isRecord(entry)) {
      problems.push(`entry ${JSON.stringify(key.slice(0, 120))} is not an object`);
      continue;
    }
    const sessionId = str(entry.sessionId);
    if (!sessionId) {
      problems.push(`entry ${JSON.stringify(key.slice(0, 120))} has no sessionId`);
      continue;
    }
    records.push({
      key,
      sessionId,
      agent: agentFromKey(key) || ctx.agent,
      ...commonFields(key, entry),
      transcript: { kind: 'jsonl', path: transcriptPath(key, sessionId, str(entry.sessionFile), ctx) },
    });
  }
  return { ok: true, records, problems };
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
  if (exists?.(sessionFile)) return sessionFile;
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
