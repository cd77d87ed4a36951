// Sub-agents are drawn inside their parent's box, under the exact sessions_spawn call that
// started them (the call's result names the child session key: ToolLine.childKey).
import type { SessionView, SubagentView, ToolLine, ViewLine } from '../types.ts';

export function nestSubagents(view: SessionView, children: ReadonlyMap<string, SessionView>): SessionView {
  let lines: ViewLine[] | undefined;
  view.lines.forEach((line, i) => {
    if (line.kind !== 'tool' || !line.childKey) return;
    const child = children.get(line.childKey);
    if (!child) return;
    lines ??= view.lines.slice();
    lines[i] = { ...line, subagent: subagentOf(line, child) } satisfies ToolLine;
  });
  return lines ? { ...view, lines } : view;
}

function subagentOf(line: ToolLine, child: SessionView): SubagentView {
  // The registry label of a child is its spawn label; without one, the spawn line's label says more
  // than the bare agent name.
  const label = child.label && child.label !== child.agent ? child.label : line.label.replace(/^spawn /, '');
  return {
    key: child.key,
    label,
    state: child.state,
    startedAt: child.startedAt,
    ...(child.endedAt !== undefined ? { endedAt: child.endedAt } : {}),
    lines: child.lines,
    tokens: child.tokens,
    ...(child.cost !== undefined ? { cost: child.cost } : {}),
  };
}
