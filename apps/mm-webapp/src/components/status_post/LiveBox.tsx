// A live status box in a post: the render package's DOM host, the client-side clock, the
// stalled notice and the toggles for tool details and sub-agents.

import { formatDuration } from '@livestatus/render';
import { DomStatusBox } from '@livestatus/render/dom';
import type { SessionView } from '@livestatus/transcript';
import { useState } from 'react';
import type { HostTheme } from '../../host/types.ts';
import { STALLED_MS } from '../../sessions/sessions.ts';

export interface LiveBoxProps {
  view: SessionView;
  now: number;
  /** Newest sign of life from outside the view (the post's update_at). */
  updatedAt?: number;
  theme?: HostTheme;
  compact?: boolean;
  maxLines?: number;
}

export function LiveBox({ view, now, updatedAt, theme, compact = false, maxLines = 15 }: LiveBoxProps) {
  const [expandTools, setExpandTools] = useState(false);
  const [expandSubagents, setExpandSubagents] = useState(true);
  const quietFor = now - Math.max(view.lastActivityAt || 0, updatedAt ?? 0);
  const stalled = view.state === 'active' && quietFor > STALLED_MS;
  const hasTools = view.lines.some((l) => l.kind === 'tool');
  const hasSubagents = view.lines.some((l) => l.kind === 'tool' && l.subagent !== undefined);
  return (
    <div
      className="livestatus-live"
      data-testid="livestatus-live"
      data-state={stalled ? 'stalled' : view.state}
    >
      <DomStatusBox
        view={view}
        theme={theme}
        options={{ now, maxLines, compact, expandTools, expandSubagents }}
      />
      {stalled ? (
        <div
          className="livestatus-stalled"
          role="status"
          style={{ fontSize: 12, opacity: 0.8, marginTop: 4 }}
        >
          Stalled: no update for {formatDuration(quietFor)}. The status writer may have stopped.
        </div>
      ) : null}
      {!compact && (hasTools || hasSubagents) ? (
        <div className="livestatus-controls" style={{ display: 'flex', gap: 8, marginTop: 4, fontSize: 12 }}>
          {hasTools ? (
            <LinkButton onClick={() => setExpandTools((v) => !v)} pressed={expandTools}>
              {expandTools ? 'Hide tool details' : 'Show tool details'}
            </LinkButton>
          ) : null}
          {hasSubagents ? (
            <LinkButton onClick={() => setExpandSubagents((v) => !v)} pressed={expandSubagents}>
              {expandSubagents ? 'Collapse sub-agents' : 'Expand sub-agents'}
            </LinkButton>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function LinkButton({
  onClick,
  pressed,
  children,
}: {
  onClick: () => void;
  pressed: boolean;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      style={{
        background: 'none',
        border: 0,
        padding: 0,
        cursor: 'pointer',
        color: 'var(--link-color, #1c58d9)',
        font: 'inherit',
      }}
    >
      {children}
    </button>
  );
}
