// Typed parsing of one OpenClaw transcript entry (a JSONL line, or a SQLite `event_json`).
// Transcripts are large and untrusted: a tool result can carry 64 KB of output, a thinking block
// pages of reasoning. Only what a status box can show survives parsing, so entries stay small
// however long the session runs. Bad input is an error value, never an exception.
import type {
  AgentMessage,
  AssistantBlock,
  NestedToolCall,
  ParseResult,
  TranscriptEntry,
  Usage,
} from '../types.ts';
import { truncateCodePoints, utf8Bytes } from './text.ts';

/** Tool output kept per result: labels and short details only, never the output itself. */
export const TOOL_RESULT_TEXT_MAX = 300;
/** User / custom message text kept (only ever summarised). */
const MESSAGE_TEXT_MAX = 500;
/** Assistant text kept per block: the view shows its first line, shortened. */
const ASSISTANT_TEXT_MAX = 2_000;
/** Top-level string arguments of a tool call (enough for apply_patch file headers). */
const ARG_STRING_MAX = 16_384;
/** Nested strings inside arguments. */
const NESTED_ARG_STRING_MAX = 1_000;
/** Scalar detail strings kept (exec `status`, `exitReason`...); longer ones are dropped. */
const DETAIL_STRING_MAX = 200;
const MAX_ARG_DEPTH = 4;
/** Detail keys that carry tool output or file content: never kept, however short. */
const OUTPUT_KEYS = new Set([
  'aggregated',
  'diff',
  'patch',
  'content',
  'output',
  'stdout',
  'stderr',
  'text',
  'note',
]);
const MAX_ARG_KEYS = 64;

export function parseEntry(line: string): ParseResult {
  const trimmed = line.trim();
  if (!trimmed) return { ok: false, error: 'empty line' };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    // The message names the position only; the line itself is agent text and stays out of logs.
    return { ok: false, error: `invalid JSON (${(err as Error).message.slice(0, 80)})` };
  }
  return parseEntryValue(value);
}

export function parseEntryValue(v: unknown): ParseResult {
  if (!isRecord(v)) return { ok: false, error: 'entry is not a JSON object' };
  const type = v.type;
  if (typeof type !== 'string' || !type) return { ok: false, error: 'entry has no type' };
  const timestamp = parseTime(v.timestamp);
  if (type === 'session') {
    if (typeof v.id !== 'string') return { ok: false, error: 'session header has no id' };
    return ok({
      type: 'session',
      id: v.id,
      parentId: null,
      timestamp,
      version: num(v.version),
      ...(typeof v.cwd === 'string' ? { cwd: v.cwd } : {}),
      ...(typeof v.parentSession === 'string' ? { parentSession: v.parentSession } : {}),
    });
  }
  if (typeof v.id !== 'string' || !v.id) return { ok: false, error: `${short(type)} entry has no id` };
  const base = { id: v.id, parentId: typeof v.parentId === 'string' ? v.parentId : null, timestamp };
  switch (type) {
    case 'message': {
      const message = parseMessage(v.message);
      if (!message) return { ok: false, error: 'message entry has no message object' };
      return ok({ ...base, type, message });
    }
    case 'model_change':
      return ok({ ...base, type, ...optStr('provider', v.provider), ...optStr('modelId', v.modelId) });
    case 'thinking_level_change':
      return ok({ ...base, type, ...optStr('thinkingLevel', v.thinkingLevel) });
    case 'custom':
      // Custom data (model snapshots, cache bookkeeping) is never shown: keep only small scalars.
      return ok({ ...base, type, customType: str(v.customType), data: compactScalars(v.data) });
    case 'compaction':
      return ok({
        ...base,
        type,
        ...(typeof v.summary === 'string'
          ? { summary: truncateCodePoints(v.summary, MESSAGE_TEXT_MAX) }
          : {}),
        ...optStr('firstKeptEntryId', v.firstKeptEntryId),
        ...(typeof v.tokensBefore === 'number' ? { tokensBefore: v.tokensBefore } : {}),
      });
    case 'custom_message':
      return ok({
        ...base,
        type,
        customType: str(v.customType),
        ...(typeof v.display === 'boolean' ? { display: v.display } : {}),
        text: truncateCodePoints(contentText(v.content, false), MESSAGE_TEXT_MAX),
      });
    case 'branch_summary':
      return ok({
        ...base,
        type,
        ...optStr('fromId', v.fromId),
        ...(typeof v.summary === 'string'
          ? { summary: truncateCodePoints(v.summary, MESSAGE_TEXT_MAX) }
          : {}),
      });
    case 'label':
      return ok({ ...base, type, ...optStr('targetId', v.targetId), ...optStr('label', v.label) });
    case 'session_info':
      return ok({ ...base, type, ...optStr('name', v.name) });
    default:
      // Unknown (future or OpenClaw-only control records such as `leaf`): kept, shallowly bounded.
      return ok({ ...base, type: 'unknown', originalType: short(type), raw: compactScalars(v) });
  }
}

function parseMessage(m: unknown): AgentMessage | undefined {
  if (!isRecord(m)) return undefined;
  const timestamp = typeof m.timestamp === 'number' ? { timestamp: m.timestamp } : {};
  switch (m.role) {
    case 'user':
      return {
        role: 'user',
        text: truncateCodePoints(contentText(m.content, false), MESSAGE_TEXT_MAX),
        ...timestamp,
      };
    case 'assistant': {
      const content = Array.isArray(m.content) ? m.content.map(parseBlock) : [];
      const usage = parseUsage(m.usage);
      return {
        role: 'assistant',
        content,
        ...(typeof m.stopReason === 'string' ? { stopReason: m.stopReason } : {}),
        ...(usage ? { usage } : {}),
        ...optStr('model', m.model),
        ...optStr('provider', m.provider),
        ...(typeof m.errorMessage === 'string'
          ? { errorMessage: truncateCodePoints(m.errorMessage, DETAIL_STRING_MAX) }
          : {}),
        ...timestamp,
      };
    }
    case 'toolResult': {
      const fullText = contentText(m.content, true);
      const details = isRecord(m.details) ? m.details : undefined;
      const childSessionKey = findChildSessionKey(details, fullText);
      const compact = compactDetails(details);
      return {
        role: 'toolResult',
        toolCallId: str(m.toolCallId),
        toolName: str(m.toolName),
        text: truncateCodePoints(fullText, TOOL_RESULT_TEXT_MAX),
        ...(compact ? { details: compact } : {}),
        isError: m.isError === true,
        ...timestamp,
        ...(childSessionKey ? { childSessionKey } : {}),
      };
    }
    case 'custom': {
      const customType = str(m.customType);
      const nestedTool = customType === 'openclaw.nested-tool.v1' ? parseNestedTool(m.details) : undefined;
      const details = nestedTool ? undefined : compactScalars(m.details);
      return {
        role: 'custom',
        customType,
        ...(details ? { details } : {}),
        ...timestamp,
        ...(nestedTool ? { nestedTool } : {}),
      };
    }
    default:
      return { role: 'other', originalRole: typeof m.role === 'string' ? short(m.role) : 'unknown' };
  }
}

function parseBlock(b: unknown): AssistantBlock {
  if (!isRecord(b)) return { type: 'unknown', raw: null };
  switch (b.type) {
    case 'text':
      return {
        type: 'text',
        text: typeof b.text === 'string' ? truncateCodePoints(b.text, ASSISTANT_TEXT_MAX) : '',
      };
    case 'thinking':
      // Never shown: the reasoning itself is dropped here.
      return { type: 'thinking' };
    case 'toolCall': {
      const { args, argBytes } = boundArguments(b.arguments);
      return {
        type: 'toolCall',
        id: str(b.id),
        name: str(b.name),
        arguments: args,
        ...(argBytes ? { argBytes } : {}),
      };
    }
    case 'image':
      return { type: 'image' };
    default:
      return { type: 'unknown', raw: typeof b.type === 'string' ? short(b.type) : null };
  }
}

function parseNestedTool(d: unknown): NestedToolCall | undefined {
  if (!isRecord(d) || typeof d.toolName !== 'string' || typeof d.parentToolCallId !== 'string')
    return undefined;
  const result = isRecord(d.result) ? d.result : undefined;
  const resultDetails = result && isRecord(result.details) ? result.details : undefined;
  const exitCode = numOrUndefined(resultDetails?.exitCode);
  const childSessionKey = findChildSessionKey(resultDetails, result ? contentText(result.content, true) : '');
  return {
    parentToolCallId: d.parentToolCallId,
    ...optStr('toolCallId', d.toolCallId),
    toolName: short(d.toolName),
    input: boundArguments(d.input).args,
    ...(typeof d.isError === 'boolean' ? { isError: d.isError } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(childSessionKey ? { childSessionKey } : {}),
  };
}

function parseUsage(u: unknown): Usage | undefined {
  if (!isRecord(u)) return undefined;
  const cost = isRecord(u.cost) ? numOrUndefined(u.cost.total) : numOrUndefined(u.cost);
  return {
    input: num(u.input),
    output: num(u.output),
    cacheRead: num(u.cacheRead),
    cacheWrite: num(u.cacheWrite),
    totalTokens: num(u.totalTokens),
    ...(cost !== undefined ? { cost } : {}),
  };
}

const CHILD_KEY_IN_TEXT = /childSessionKey\\*"\s*:\s*\\*"([^"\\\s]{1,300})/;

/** The child key of a sessions_spawn result: in details (7.35/9.x), nested 9.x details, or the JSON text. */
function findChildSessionKey(details: Record<string, unknown> | undefined, text: string): string | undefined {
  if (details) {
    if (typeof details.childSessionKey === 'string') return details.childSessionKey;
    const result = isRecord(details.result) ? details.result : undefined;
    if (result && isRecord(result.details) && typeof result.details.childSessionKey === 'string') {
      return result.details.childSessionKey;
    }
  }
  if (!text.includes('childSessionKey')) return undefined;
  return CHILD_KEY_IN_TEXT.exec(text)?.[1];
}

/** Small scalar details (exitCode, durationMs, status); 9.x `tool_call` results nest them one level down. */
function compactDetails(d: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!d) return undefined;
  const out = compactScalars(d) ?? {};
  const result = isRecord(d.result) ? d.result : undefined;
  const inner = result && isRecord(result.details) ? compactScalars(result.details) : undefined;
  if (inner) for (const [k, v] of Object.entries(inner)) if (!(k in out)) out[k] = v;
  if (isRecord(d.tool) && typeof d.tool.name === 'string') out.innerToolName = short(d.tool.name);
  return Object.keys(out).length > 0 ? out : undefined;
}

function compactScalars(v: unknown): Record<string, unknown> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, x] of Object.entries(v)) {
    if (n >= MAX_ARG_KEYS) break;
    if (OUTPUT_KEYS.has(k)) continue;
    if (typeof x === 'number' || typeof x === 'boolean' || x === null) out[k] = x;
    else if (typeof x === 'string' && x.length <= DETAIL_STRING_MAX) out[k] = x;
    else continue;
    n++;
  }
  return n > 0 ? out : undefined;
}

function boundArguments(a: unknown): { args: Record<string, unknown>; argBytes?: Record<string, number> } {
  if (!isRecord(a)) return { args: {} };
  const args: Record<string, unknown> = {};
  let argBytes: Record<string, number> | undefined;
  let n = 0;
  for (const [k, x] of Object.entries(a)) {
    if (n++ >= MAX_ARG_KEYS) break;
    if (typeof x === 'string' && x.length > ARG_STRING_MAX) {
      argBytes ??= {};
      argBytes[k] = utf8Bytes(x);
      args[k] = truncateCodePoints(x, ARG_STRING_MAX);
    } else {
      args[k] = boundValue(x, 1);
    }
  }
  return argBytes ? { args, argBytes } : { args };
}

function boundValue(x: unknown, depth: number): unknown {
  if (typeof x === 'string') return truncateCodePoints(x, NESTED_ARG_STRING_MAX);
  if (typeof x !== 'object' || x === null) return x;
  if (depth >= MAX_ARG_DEPTH) return Array.isArray(x) ? [] : {};
  if (Array.isArray(x)) {
    // Keep the length visible (edit counts its edits) while bounding what is stored.
    return x.length <= MAX_ARG_KEYS
      ? x.map((e) => boundValue(e, depth + 1))
      : [
          ...x.slice(0, MAX_ARG_KEYS).map((e) => boundValue(e, depth + 1)),
          ...new Array(x.length - MAX_ARG_KEYS).fill(null),
        ];
  }
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, v] of Object.entries(x)) {
    if (n++ >= MAX_ARG_KEYS) break;
    out[k] = boundValue(v, depth + 1);
  }
  return out;
}

/** Text of a message `content` (a string or text/image blocks); `firstOnly` = the first text block. */
function contentText(content: unknown, firstOnly: boolean): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const parts: string[] = [];
  for (const block of content) {
    if (isRecord(block) && block.type === 'text' && typeof block.text === 'string') {
      parts.push(block.text);
      if (firstOnly) break;
    }
  }
  return parts.join('\n');
}

function parseTime(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v !== 'string') return 0;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : 0;
}

function ok(entry: TranscriptEntry): ParseResult {
  return { ok: true, entry };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? short(v) : '';
}

function short(v: string): string {
  return truncateCodePoints(v, DETAIL_STRING_MAX);
}

function optStr<K extends string>(key: K, v: unknown): { [P in K]?: string } {
  return (typeof v === 'string' ? { [key]: short(v) } : {}) as { [P in K]?: string };
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function numOrUndefined(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
