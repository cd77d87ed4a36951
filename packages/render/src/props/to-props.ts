// SessionView -> props: the same line selection the components make (newest lines that fit,
// sub-agents with half the rows), every string cleaned, so a forged or huge view cannot make the
// stored props large and nothing unredacted is ever stored in a post.
import type { SessionView, SubagentView, TurnState, ViewLine } from '@livestatus/transcript';
import { childBudget, droppedBefore, isExpandedSubagent, selectLines } from '../layout.ts';
import { MAX_SUBAGENT_DEPTH, type RenderOptions, resolveOptions } from '../options.ts';
import { cleanAgentText } from '../safety/sanitize.ts';
import type { LivestatusPropsV1, PropsLine, PropsSubagent, StateCode, ToolCode } from './format.ts';

export type PropsOptions = Pick<RenderOptions, 'maxLines' | 'maxLineChars'>;

const STATE: Record<TurnState, StateCode> = { active: 'a', done: 'd', error: 'e', interrupted: 'i' };
const TOOL: Record<string, ToolCode> = { pending: 'p', ok: 'o', error: 'e' };
const IDS = 300;

function num(n: number | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0;
}

interface Ctx {
  maxLineChars: number;
}

function encodeLines(
  lines: readonly ViewLine[],
  dropped: number,
  budget: number,
  depth: number,
  ctx: Ctx,
): { L: PropsLine[]; d: number } {
  const layout = { expandSubagents: true, maxLines: budget };
  const { kept, earlier } = selectLines(lines, dropped, budget, layout, depth);
  const L: PropsLine[] = [];
  for (const line of kept) {
    if (line.kind === 'text') L.push(['t', cleanAgentText(line.text, ctx.maxLineChars)]);
    else if (line.kind === 'note')
      L.push(
        line.note === 'compacted' ? ['n', 'c', ''] : ['n', 'e', cleanAgentText(line.text, ctx.maxLineChars)],
      );
    else if (line.kind === 'tool') {
      const tuple: PropsLine = [
        'x',
        cleanAgentText(line.tool, 80),
        cleanAgentText(line.label, ctx.maxLineChars),
        TOOL[line.status] ?? 'p',
        line.detail ? cleanAgentText(line.detail, 80) : '',
      ];
      if (line.subagent) {
        const expanded = isExpandedSubagent(line, layout, depth);
        tuple.push(encodeSubagent(line.subagent, expanded ? childBudget(budget) : 0, depth + 1, ctx));
      }
      L.push(tuple);
    }
  }
  return { L, d: earlier };
}

function encodeSubagent(sub: SubagentView, budget: number, depth: number, ctx: Ctx): PropsSubagent {
  const body =
    depth <= MAX_SUBAGENT_DEPTH
      ? encodeLines(sub.lines, droppedBefore(sub), budget, depth, ctx)
      : { L: [], d: sub.lines.length };
  const out: PropsSubagent = {
    k: cleanAgentText(sub.key, IDS),
    l: cleanAgentText(sub.label, 80),
    s: STATE[sub.state] ?? 'i',
    t0: num(sub.startedAt),
    tk: num(sub.tokens),
    L: body.L,
  };
  if (sub.endedAt !== undefined) out.t1 = num(sub.endedAt);
  if (sub.cost !== undefined) out.c = num(sub.cost);
  if (body.d > 0) out.d = body.d;
  return out;
}

/** The view as `post.props.livestatus`: redacted, bounded to `maxLines`, compact. */
export function toProps(view: SessionView, options: PropsOptions = {}): LivestatusPropsV1 {
  const o = resolveOptions({ now: 0, ...options });
  const ctx: Ctx = { maxLineChars: o.maxLineChars };
  const body = encodeLines(view.lines, droppedBefore(view), o.maxLines, 0, ctx);
  const props: LivestatusPropsV1 = {
    v: 1,
    k: cleanAgentText(view.key, IDS),
    id: cleanAgentText(view.sessionId, IDS),
    a: cleanAgentText(view.agent, 80),
    l: cleanAgentText(view.label, 80),
    s: STATE[view.state] ?? 'i',
    n: Math.floor(num(view.turn)),
    t0: num(view.startedAt),
    la: num(view.lastActivityAt),
    tk: num(view.tokens),
    cp: Math.floor(num(view.compactions)),
    L: body.L,
  };
  if (view.endedAt !== undefined) props.t1 = num(view.endedAt);
  if (view.quiet)
    props.q = [num(view.quiet.sinceMs), num(view.quiet.forMs), cleanAgentText(view.quiet.doing ?? '', 80)];
  if (view.cost !== undefined) props.c = num(view.cost);
  if (view.model) props.m = cleanAgentText(view.model, 80);
  if (view.error) props.e = cleanAgentText(view.error, o.maxLineChars);
  if (body.d > 0) props.d = body.d;
  return props;
}
