// The last rows of an ended turn: why it failed (when it did) and the seed's footer
// `[DONE] 53s | 12.4k tokens`.
import type { SessionView } from '@livestatus/transcript';
import { formatDuration } from '../format.ts';
import type { ResolvedOptions } from '../options.ts';
import { cleanAgentText } from '../safety/sanitize.ts';
import { elapsedMs, StateTag, usageText } from './header.tsx';
import { usePrimitives } from './primitives.tsx';

/** The provider error of a failed turn, unless the lines already show it as a note. */
export function ErrorLine({ view, o }: { view: SessionView; o: ResolvedOptions }) {
  const { Line, Span } = usePrimitives();
  if (view.state !== 'error' || !view.error) return null;
  if (view.lines.some((l) => l.kind === 'note' && l.note === 'error')) return null;
  const text = cleanAgentText(view.error, o.maxLineChars);
  if (!text) return null;
  return (
    <Line indent={0} kind="error">
      <Span tone="error">{`Error: ${text}`}</Span>
    </Line>
  );
}

export function Footer({ view, o }: { view: SessionView; o: ResolvedOptions }) {
  const { Line, Span } = usePrimitives();
  const usage = usageText(view.tokens, view.cost);
  return (
    <Line indent={0} kind="footer">
      <StateTag state={view.state} />
      <Span>{` ${formatDuration(elapsedMs(view, o.now))}${usage ? ` | ${usage}` : ''}`}</Span>
    </Line>
  );
}
