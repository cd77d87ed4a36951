// The floating widget as a function of props: expanded, the most active session's last lines;
// collapsed, a pulsing dot with the number of active sessions. Dragging is wired by the
// container through `handleProps`.
import type { HTMLAttributes } from 'react';
import type { HostTheme } from '../../host/types.ts';
import type { SessionEntry } from '../../sessions/sessions.ts';
import { LiveBox } from '../status_post/LiveBox.tsx';
import type { Position } from './widgetState.ts';

export const WIDGET_SIZE = { expanded: { width: 340, height: 190 }, collapsed: { width: 44, height: 44 } };

// Static CSS from this file only (never from post data): the pulse needs keyframes.
const CSS = `@keyframes livestatus-pulse{0%{box-shadow:0 0 0 0 rgba(6,214,160,.6)}70%{box-shadow:0 0 0 10px rgba(6,214,160,0)}100%{box-shadow:0 0 0 0 rgba(6,214,160,0)}}`;

export interface FloatingWidgetProps {
  session?: SessionEntry;
  activeCount: number;
  now: number;
  collapsed: boolean;
  position: Position;
  theme?: HostTheme;
  /** Pointer handlers of the drag handle (header when expanded, the dot when collapsed). */
  handleProps: HTMLAttributes<HTMLElement>;
  onToggleCollapsed(): void;
  onOpen(entry: SessionEntry): void;
}

export function FloatingWidget(p: FloatingWidgetProps) {
  const base = {
    position: 'fixed' as const,
    left: p.position.x,
    top: p.position.y,
    zIndex: 1000,
    touchAction: 'none' as const,
  };
  if (p.collapsed) {
    return (
      <button
        type="button"
        data-testid="livestatus-widget"
        data-collapsed="true"
        aria-label={`${p.activeCount} active agent session${p.activeCount === 1 ? '' : 's'}; expand`}
        {...p.handleProps}
        // Pointer clicks are told apart from drags by the container; keyboard activation has no
        // pointer, so it arrives here with detail 0.
        onClick={(e) => (e.detail === 0 ? p.onToggleCollapsed() : undefined)}
        style={{
          ...base,
          ...WIDGET_SIZE.collapsed,
          borderRadius: '50%',
          cursor: 'grab',
          background:
            p.activeCount > 0
              ? 'var(--online-indicator, #06d6a0)'
              : 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.4)',
          animation: p.activeCount > 0 ? 'livestatus-pulse 2s infinite' : undefined,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          border: 0,
          padding: 0,
        }}
      >
        <style>{CSS}</style>
        <span
          data-testid="livestatus-widget-badge"
          style={{
            background: 'var(--button-bg, #1c58d9)',
            color: 'var(--button-color, #fff)',
            borderRadius: 10,
            minWidth: 20,
            padding: '0 6px',
            fontSize: 12,
            fontWeight: 700,
            textAlign: 'center',
            lineHeight: '20px',
          }}
        >
          {String(p.activeCount)}
        </span>
      </button>
    );
  }
  return (
    <div
      data-testid="livestatus-widget"
      data-collapsed="false"
      style={{
        ...base,
        width: WIDGET_SIZE.expanded.width,
        background: 'var(--center-channel-bg, #fff)',
        color: 'var(--center-channel-color, #3f4350)',
        border: '1px solid rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16)',
        borderRadius: 8,
        boxShadow: '0 8px 24px rgba(0, 0, 0, 0.2)',
        overflow: 'hidden',
      }}
    >
      <div
        data-testid="livestatus-widget-handle"
        {...p.handleProps}
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          padding: '6px 8px',
          cursor: 'grab',
          fontSize: 12,
          fontWeight: 600,
          background: 'rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08)',
          userSelect: 'none',
        }}
      >
        <span style={{ flex: 1 }}>Agent sessions · {p.activeCount} active</span>
        <button
          type="button"
          aria-label="Collapse"
          data-testid="livestatus-widget-collapse"
          onPointerDown={(e) => e.stopPropagation()}
          onClick={p.onToggleCollapsed}
          style={{
            background: 'none',
            border: 0,
            cursor: 'pointer',
            color: 'inherit',
            font: 'inherit',
            padding: '0 4px',
          }}
        >
          –
        </button>
      </div>
      {p.session ? (
        <button
          type="button"
          data-testid="livestatus-widget-open"
          title="Jump to the thread"
          onClick={() => p.session && p.onOpen(p.session)}
          style={{
            display: 'block',
            width: '100%',
            textAlign: 'left',
            background: 'none',
            border: 0,
            padding: 8,
            cursor: 'pointer',
            color: 'inherit',
            font: 'inherit',
          }}
        >
          <LiveBox
            view={p.session.view}
            now={p.now}
            updatedAt={p.session.updatedAt}
            theme={p.theme}
            compact
            maxLines={5}
          />
        </button>
      ) : null}
    </div>
  );
}
