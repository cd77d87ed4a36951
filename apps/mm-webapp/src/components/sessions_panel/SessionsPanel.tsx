// The right-hand sidebar: every agent session in the user's channels, active ones first, each a
// compact live box; a click jumps to the post (or its thread).
import type { HostTheme } from '../../host/types.ts';
import { isStalled, type SessionEntry, type SessionList } from '../../sessions/sessions.ts';
import { LiveBox } from '../status_post/LiveBox.tsx';

export interface SessionsPanelProps {
  list: SessionList;
  now: number;
  theme?: HostTheme;
  channelName(channelId: string): string | undefined;
  onOpen(entry: SessionEntry): void;
  loading?: boolean;
}

export function SessionsPanel({ list, now, theme, channelName, onOpen, loading }: SessionsPanelProps) {
  const empty = list.active.length === 0 && list.recent.length === 0;
  const row = (e: SessionEntry) => (
    <SessionRow
      key={e.postId}
      entry={e}
      now={now}
      theme={theme}
      channel={channelName(e.channelId)}
      onOpen={onOpen}
    />
  );
  return (
    <div
      className="livestatus-panel"
      data-testid="livestatus-panel"
      style={{ padding: 12, overflowY: 'auto', height: '100%' }}
    >
      <Section title={`Active (${list.active.length})`}>{list.active.map(row)}</Section>
      {list.recent.length > 0 ? <Section title="Recently finished">{list.recent.map(row)}</Section> : null}
      {empty ? (
        <p style={{ opacity: 0.64 }}>{loading ? 'Loading sessions…' : 'No agent sessions right now.'}</p>
      ) : null}
    </div>
  );
}

function Section({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <section style={{ marginBottom: 16 }}>
      <h4 style={{ margin: '0 0 8px', fontSize: 12, textTransform: 'uppercase', opacity: 0.64 }}>{title}</h4>
      {children}
    </section>
  );
}

interface RowProps {
  entry: SessionEntry;
  now: number;
  theme?: HostTheme;
  channel?: string;
  onOpen(entry: SessionEntry): void;
}

function SessionRow({ entry, now, theme, channel, onOpen }: RowProps) {
  const stalled = isStalled(entry, now);
  return (
    <button
      type="button"
      className="livestatus-session"
      data-testid="livestatus-session"
      data-post-id={entry.postId}
      data-state={stalled ? 'stalled' : entry.view.state}
      onClick={() => onOpen(entry)}
      title={entry.rootId ? 'Open the thread' : 'Jump to the post'}
      style={{
        display: 'block',
        width: '100%',
        textAlign: 'left',
        marginBottom: 8,
        padding: 8,
        cursor: 'pointer',
        background: 'transparent',
        color: 'inherit',
        font: 'inherit',
        border: '1px solid rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16)',
        borderRadius: 4,
      }}
    >
      <div style={{ fontSize: 12, opacity: 0.72, marginBottom: 4 }}>
        {channel ? `~${channel}` : 'channel'}
        {entry.rootId ? ' · thread' : ''}
      </div>
      <LiveBox view={entry.view} now={now} updatedAt={entry.updatedAt} theme={theme} compact maxLines={3} />
    </button>
  );
}
