// The body of a box: assistant text, tool lines with their result, notes, and sub-agents drawn
// inside the spawning call with their own lines and footer. Only the newest lines that fit are
// drawn; the rest are counted in an "N earlier lines" marker.
import type { NoteLine, SubagentView, TextLine, ToolLine, ViewLine } from '@livestatus/transcript';
import { formatDuration } from '../format.ts';
import { childBudget, droppedBefore, isExpandedSubagent, selectLines } from '../layout.ts';
import type { ResolvedOptions } from '../options.ts';
import { cleanAgentText } from '../safety/sanitize.ts';
import { elapsedMs, StateTag } from './header.tsx';
import { usePrimitives } from './primitives.tsx';

export const COMPACTION_NOTE = '[session compacted - continuing]';

interface RowProps<L> {
  line: L;
  indent: number;
  o: ResolvedOptions;
}

/** `… 12 earlier lines` */
export function EarlierMarker({ count, indent }: { count: number; indent: number }) {
  const { Line, Span } = usePrimitives();
  if (count <= 0) return null;
  return (
    <Line indent={indent} kind="earlier">
      <Span tone="muted">{`… ${count} earlier ${count === 1 ? 'line' : 'lines'}`}</Span>
    </Line>
  );
}

export function TextRow({ line, indent, o }: RowProps<TextLine>) {
  const { Line, Span } = usePrimitives();
  const text = cleanAgentText(line.text, o.maxLineChars);
  if (!text) return null;
  return (
    <Line indent={indent} kind="text">
      <Span>{text}</Span>
    </Line>
  );
}

/** `exec: ls /agents [OK]`; a pending call has no marker yet. */
export function ToolRow({ line, indent, o }: RowProps<ToolLine>) {
  const { Line, Span } = usePrimitives();
  const label = cleanAgentText(line.label || line.tool, o.maxLineChars) || 'tool';
  const detail = o.expandTools && line.detail ? cleanAgentText(line.detail, 80) : '';
  return (
    <Line indent={indent} kind="tool">
      <Span>{label}</Span>
      {line.status === 'ok' ? <Span tone="ok">{' [OK]'}</Span> : null}
      {line.status === 'error' ? <Span tone="error">{' [ERR]'}</Span> : null}
      {detail ? <Span tone="muted">{` (${detail})`}</Span> : null}
    </Line>
  );
}

export function NoteRow({ line, indent, o }: RowProps<NoteLine>) {
  const { Line, Span } = usePrimitives();
  if (line.note === 'compacted') {
    return (
      <Line indent={indent} kind="note">
        <Span tone="muted">{COMPACTION_NOTE}</Span>
      </Line>
    );
  }
  const text = cleanAgentText(line.text, o.maxLineChars);
  if (!text) return null;
  return (
    <Line indent={indent} kind="note">
      <Span tone="error">{text}</Span>
    </Line>
  );
}

function subagentLabel(sub: SubagentView): string {
  return cleanAgentText(sub.label || sub.key, 80) || 'sub-agent';
}

/** `Sub-agent: planner`, its lines one level deeper, and its own `[DONE] 28s`. */
export function SubagentBlock({
  sub,
  indent,
  depth,
  budget,
  o,
  expanded,
}: {
  sub: SubagentView;
  indent: number;
  depth: number;
  budget: number;
  o: ResolvedOptions;
  expanded: boolean;
}) {
  const { Line, Span } = usePrimitives();
  const elapsed = formatDuration(elapsedMs(sub, o.now));
  if (!expanded) {
    return (
      <Line indent={indent} kind="subagent">
        <Span tone="accent">Sub-agent:</Span>
        <Span>{` ${subagentLabel(sub)} `}</Span>
        <StateTag state={sub.state} />
        <Span>{` ${elapsed}`}</Span>
      </Line>
    );
  }
  return (
    <>
      <Line indent={indent} kind="subagent">
        <Span tone="accent">Sub-agent:</Span>
        <Span>{` ${subagentLabel(sub)}`}</Span>
      </Line>
      <Lines
        lines={sub.lines}
        dropped={droppedBefore(sub)}
        indent={indent + 1}
        depth={depth}
        budget={budget}
        o={o}
      />
      <Line indent={indent + 1} kind="footer">
        <StateTag state={sub.state} />
        <Span>{` ${elapsed}`}</Span>
      </Line>
    </>
  );
}

/** The newest lines that fit in `budget` rows, text at `indent`, tools one level deeper. */
export function Lines({
  lines,
  dropped,
  indent,
  depth,
  budget,
  o,
}: {
  lines: readonly ViewLine[];
  dropped: number;
  indent: number;
  depth: number;
  budget: number;
  o: ResolvedOptions;
}) {
  const layout = { expandSubagents: o.expandSubagents, maxLines: budget };
  const { kept, earlier } = selectLines(lines, dropped, budget, layout, depth);
  return (
    <>
      <EarlierMarker count={earlier} indent={indent} />
      {kept.map((line) => {
        switch (line.kind) {
          case 'text':
            return <TextRow key={line.id} line={line} indent={indent} o={o} />;
          case 'note':
            return <NoteRow key={line.id} line={line} indent={indent} o={o} />;
          case 'tool':
            return line.subagent ? (
              <SubagentBlock
                key={line.id}
                sub={line.subagent}
                indent={indent + 1}
                depth={depth + 1}
                budget={childBudget(budget)}
                o={o}
                expanded={isExpandedSubagent(line, layout, depth)}
              />
            ) : (
              <ToolRow key={line.id} line={line} indent={indent + 1} o={o} />
            );
          default:
            return null;
        }
      })}
    </>
  );
}
