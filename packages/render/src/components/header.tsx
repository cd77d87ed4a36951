// The first row: state, who, how long, and — when nothing has arrived for a while — how long it
// has been quiet and what it waits on, so a slow step never looks like a frozen box.
import type { SessionView, SubagentView, TurnState } from '@livestatus/transcript';
import { formatCost, formatDuration, formatTokens } from '../format.ts';
import type { ResolvedOptions } from '../options.ts';
import { cleanAgentText } from '../safety/sanitize.ts';
import { type Tone, usePrimitives } from './primitives.tsx';

const STATE_TAG: Record<TurnState, string> = {
  active: '[ACTIVE]',
  done: '[DONE]',
  error: '[ERROR]',
  interrupted: '[INTERRUPTED]',
};
const STATE_TONE: Record<TurnState, Tone> = {
  active: 'accent',
  done: 'ok',
  error: 'error',
  interrupted: 'muted',
};

/** Unknown states (forged or newer data) read as interrupted rather than crashing. */
function knownState(state: string): TurnState {
  return Object.hasOwn(STATE_TAG, state) ? (state as TurnState) : 'interrupted';
}

/** `[DONE]` in its tone. */
export function StateTag({ state }: { state: TurnState }) {
  const { Span } = usePrimitives();
  const s = knownState(state);
  return (
    <Span tone={STATE_TONE[s]} bold>
      {STATE_TAG[s]}
    </Span>
  );
}

/** How long a turn ran (ended) or has been running (live). */
export function elapsedMs(
  turn: Pick<SessionView | SubagentView, 'state' | 'startedAt' | 'endedAt'>,
  now: number,
) {
  const end = turn.state === 'active' ? now : (turn.endedAt ?? now);
  return end - turn.startedAt;
}

/** `12.4k tokens | $0.0123`, or '' when nothing was reported. */
export function usageText(tokens: number, cost: number | undefined): string {
  const parts: string[] = [];
  if (tokens > 0) parts.push(formatTokens(tokens));
  if (cost !== undefined && Number.isFinite(cost) && cost > 0) parts.push(formatCost(cost));
  return parts.join(' | ');
}

/** `(quiet 2m10s: running exec)` while a live turn has been silent. */
export function QuietNote({ view, o }: { view: SessionView; o: ResolvedOptions }) {
  const { Span } = usePrimitives();
  if (view.state !== 'active' || !view.quiet) return null;
  const quietFor = Math.max(o.now - view.quiet.sinceMs, view.quiet.forMs ?? 0);
  const doing = view.quiet.doing ? cleanAgentText(view.quiet.doing, 80) : '';
  return <Span tone="muted">{` (quiet ${formatDuration(quietFor)}${doing ? `: ${doing}` : ''})`}</Span>;
}

export function Header({ view, o }: { view: SessionView; o: ResolvedOptions }) {
  const { Line, Span } = usePrimitives();
  const who = cleanAgentText(view.label || view.agent, 80) || 'session';
  const usage = o.compact ? usageText(view.tokens, view.cost) : '';
  return (
    <Line indent={0} kind="header">
      <StateTag state={view.state} />
      <Span>{` ${who} | ${formatDuration(elapsedMs(view, o.now))}${usage ? ` | ${usage}` : ''}`}</Span>
      <QuietNote view={view} o={o} />
    </Line>
  );
}
