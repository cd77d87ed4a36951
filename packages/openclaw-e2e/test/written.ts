// Test helpers: what OpenClaw wrote, parsed and reduced by @livestatus/transcript's own parser
// and reducer, so the end-to-end suite also proves they handle what the real OpenClaw writes.

import type {
  AssistantMessage,
  SessionView,
  ToolResultMessage,
  TranscriptEntry,
} from '@livestatus/transcript';
import { createLabeler, initialView, parseEntryValue, reduce } from '@livestatus/transcript';
import type { WrittenSession } from '../src/index.ts';

export function parsed(session: WrittenSession): TranscriptEntry[] {
  return session.entries.map((raw, index) => {
    const result = parseEntryValue(raw);
    if (!result.ok) throw new Error(`${session.key} entry ${index} does not parse: ${result.error}`);
    return result.entry;
  });
}

export function assistants(entries: TranscriptEntry[]): AssistantMessage[] {
  return entries.flatMap((e) => (e.type === 'message' && e.message.role === 'assistant' ? [e.message] : []));
}

export function toolResults(entries: TranscriptEntry[]): ToolResultMessage[] {
  return entries.flatMap((e) => (e.type === 'message' && e.message.role === 'toolResult' ? [e.message] : []));
}

export interface Call {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export function toolCalls(entries: TranscriptEntry[]): Call[] {
  return assistants(entries).flatMap((m) =>
    m.content.flatMap((b) =>
      b.type === 'toolCall' ? [{ id: b.id, name: b.name, arguments: b.arguments }] : [],
    ),
  );
}

export function texts(entries: TranscriptEntry[]): string[] {
  return assistants(entries).flatMap((m) => m.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])));
}

/** Failure as Live Status defines it: `isError`, or a non-zero exit code (9.x reports failed exec with isError:false). */
export function failed(result: ToolResultMessage): boolean {
  const exitCode = result.details?.exitCode;
  return result.isError || (typeof exitCode === 'number' && exitCode !== 0);
}

export function sessionByKey(sessions: WrittenSession[], key: string): WrittenSession {
  const found = sessions.find((s) => s.key === key);
  if (!found)
    throw new Error(`no session ${key}; OpenClaw wrote: ${sessions.map((s) => s.key).join(', ') || 'none'}`);
  return found;
}

const labeler = createLabeler();

/** The session's view after each entry, as the daemon and the TUI would compute it. */
export function views(session: WrittenSession): SessionView[] {
  const entries = parsed(session);
  let view = initialView({
    key: session.key,
    sessionId: session.sessionId,
    agent: session.agent,
    startedAt: entries[0]?.timestamp ?? 0,
  });
  return entries.map((entry) => {
    view = reduce(view, entry, { labeler });
    return view;
  });
}

/** Tool lines of a view as `tool:status`. */
export function toolLines(view: SessionView | undefined): string[] {
  return (view?.lines ?? []).flatMap((l) => (l.kind === 'tool' ? [`${l.tool}:${l.status}`] : []));
}
