// The reducer: one transcript entry at a time into the current turn's SessionView (design §3).
// Pure and cheap: it runs on every entry of every watched session. It does not de-duplicate by
// entry id — the sources and the tracker do — but it follows the active leaf, so a branch (an entry
// whose parent is not the last one applied) abandons the calls the old branch left pending.
import type { Labeler } from '../labels/labeler.ts';
import type {
  AssistantMessage,
  CustomRoleMessage,
  NoteLine,
  SessionView,
  TextLine,
  ToolLine,
  ToolResultMessage,
  TranscriptEntry,
  ViewLine,
} from '../types.ts';
import { firstLine, oneLine } from './text.ts';
import { appendLines, closePending, endTurn, findToolLine, replaceLine, startTurn } from './view.ts';

export interface ReduceContext {
  labeler: Labeler;
}

/** Text lines are the first line of an assistant text block, shortened to this many code points. */
export const TEXT_LINE_MAX = 160;
export const COMPACTED_NOTE = '[session compacted - continuing]';
/** OpenClaw's "deliver nothing" final (memory flush and other silent housekeeping turns). */
const SILENT_REPLY = 'NO_REPLY';

export function reduce(view: SessionView, entry: TranscriptEntry, ctx: ReduceContext): SessionView {
  let v = followLeaf(view, entry);
  switch (entry.type) {
    case 'message': {
      const m = entry.message;
      if (m.role === 'assistant') return assistant(v, entry.id, entry.timestamp, m, ctx);
      if (m.role === 'toolResult') return toolResult(activity(v, entry.timestamp), entry.timestamp, m);
      if (m.role === 'custom') return customMessage(activity(v, entry.timestamp), m, ctx);
      if (m.role === 'user') {
        // A new user message after the turn ended starts the next turn (and the next box).
        v = v.state === 'active' ? v : startTurn(v, at(v, entry.timestamp));
        return activity(v, entry.timestamp);
      }
      return v;
    }
    case 'compaction':
      return noteCompacted(v, at(v, entry.timestamp), entry.id);
    case 'model_change':
      return entry.modelId && entry.modelId !== v.model ? { ...v, model: entry.modelId } : v;
    case 'session_info':
      return entry.name && v.label === v.agent ? { ...v, label: oneLine(entry.name, 80) || v.label } : v;
    default:
      return v;
  }
}

/** Adds the "[session compacted - continuing]" note (compaction entry, or a rewritten transcript). */
export function noteCompacted(view: SessionView, at: number, id: string): SessionView {
  const note: NoteLine = { kind: 'note', id: `compacted:${id}`, note: 'compacted', text: COMPACTED_NOTE, at };
  return { ...view, ...appendLines(view, [note]), compactions: view.compactions + 1 };
}

function followLeaf(view: SessionView, entry: TranscriptEntry): SessionView {
  if (entry.type === 'session') return view;
  const branched = entry.parentId !== null && view.leafId !== undefined && entry.parentId !== view.leafId;
  const lines = branched ? closePending(view.lines, at(view, entry.timestamp)) : view.lines;
  return { ...view, lines, leafId: entry.id };
}

function assistant(
  view: SessionView,
  entryId: string,
  ts: number,
  m: AssistantMessage,
  ctx: ReduceContext,
): SessionView {
  let v = view.state === 'active' ? view : startTurn(view, at(view, ts));
  v = activity(v, ts);
  const added: ViewLine[] = [];
  let calls = 0;
  m.content.forEach((block, i) => {
    if (block.type === 'text') {
      const text = oneLine(firstLine(block.text), TEXT_LINE_MAX);
      if (text && !isSilent(block.text))
        added.push({ kind: 'text', id: `${entryId}:${i}`, text, at: at(v, ts) } satisfies TextLine);
    } else if (block.type === 'toolCall') {
      calls++;
      const wrapped = block.name === 'tool_call' && typeof block.arguments.id === 'string';
      added.push({
        kind: 'tool',
        id: block.id,
        tool: wrapped ? oneLine(block.arguments.id as string, 60) : block.name,
        label: ctx.labeler.label(
          block.name,
          block.arguments,
          block.argBytes ? { argBytes: block.argBytes } : undefined,
        ),
        status: 'pending',
        at: at(v, ts),
      } satisfies ToolLine);
    }
  });
  const usage = m.usage;
  v = {
    ...v,
    ...appendLines(v, added),
    tokens: v.tokens + (usage?.totalTokens ?? 0),
    ...(usage?.cost !== undefined ? { cost: (v.cost ?? 0) + usage.cost } : {}),
    ...(m.model ? { model: m.model } : {}),
  };
  const stop = m.stopReason;
  if (stop === 'error' || stop === 'aborted') {
    const error = oneLine(
      m.errorMessage ?? (stop === 'aborted' ? 'aborted' : 'provider error'),
      TEXT_LINE_MAX,
    );
    const note: NoteLine = {
      kind: 'note',
      id: `error:${entryId}`,
      note: 'error',
      text: error,
      at: at(v, ts),
    };
    return endTurn({ ...v, ...appendLines(v, [note]) }, 'error', at(v, ts), error);
  }
  // A final answer ends the turn at once ("fast idle"); the model is only asked again after every
  // result is in, so calls still open from earlier in the turn were abandoned.
  if ((stop === 'stop' || stop === 'length') && calls === 0) {
    return endTurn({ ...v, lines: closePending(v.lines, at(v, ts)) }, 'done', at(v, ts));
  }
  return v;
}

function toolResult(view: SessionView, ts: number, m: ToolResultMessage): SessionView {
  const i = findToolLine(view.lines, m.toolCallId);
  if (i < 0) return view;
  const line = view.lines[i] as ToolLine;
  const exitCode = typeof m.details?.exitCode === 'number' ? m.details.exitCode : undefined;
  const durationMs = typeof m.details?.durationMs === 'number' ? m.details.durationMs : undefined;
  // 9.x reports a failed exec with isError:false and a non-zero exit code.
  const failed = m.isError || (exitCode !== undefined && exitCode !== 0);
  const detail =
    exitCode !== undefined && exitCode !== 0
      ? `exit ${exitCode}`
      : durationMs !== undefined
        ? `${durationMs} ms`
        : undefined;
  const childKey = m.childSessionKey ?? line.childKey;
  const updated: ToolLine = {
    ...line,
    status: failed ? 'error' : 'ok',
    endedAt: at(view, ts),
    ...(detail ? { detail } : {}),
    ...(childKey ? { childKey } : {}),
  };
  return { ...view, lines: replaceLine(view.lines, i, updated) };
}

/** 9.x nested-tool record: the inner tool of a `tool_call`, with the spawned child's key. */
function customMessage(view: SessionView, m: CustomRoleMessage, ctx: ReduceContext): SessionView {
  const nested = m.nestedTool;
  if (!nested) return view;
  const i = findToolLine(view.lines, nested.parentToolCallId);
  if (i < 0) return view;
  const line = view.lines[i] as ToolLine;
  const updated: ToolLine = {
    ...line,
    tool: nested.toolName,
    label: ctx.labeler.label(nested.toolName, nested.input),
    ...(nested.childSessionKey ? { childKey: nested.childSessionKey } : {}),
  };
  return { ...view, lines: replaceLine(view.lines, i, updated) };
}

function activity(view: SessionView, ts: number): SessionView {
  if (view.state !== 'active') return view;
  const last = Math.max(view.lastActivityAt, ts);
  if (last === view.lastActivityAt && !view.quiet) return view;
  const { quiet: _q, ...rest } = view;
  return { ...rest, lastActivityAt: last };
}

/** An entry's time, or the view's last activity when the entry had no usable timestamp. */
function at(view: SessionView, ts: number): number {
  return ts > 0 ? ts : view.lastActivityAt;
}

function isSilent(text: string): boolean {
  const t = text.trim();
  return t === SILENT_REPLY || firstLine(t) === SILENT_REPLY;
}
