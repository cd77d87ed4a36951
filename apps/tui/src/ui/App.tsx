// The live view: header, session list, the selected session's box and the help bar. Thin: state
// lives in the reducer (`ui-state.ts`), keys in the keymap, sessions in the feed.
import { Box, useApp, useInput, useWindowSize } from 'ink';
import { useCallback, useEffect } from 'react';
import type { SessionFeed } from '../sessions/session-feed.ts';
import type { SessionItem } from '../sessions/session-item.ts';
import { DetailPane } from './DetailPane.tsx';
import { Header } from './Header.tsx';
import { HelpBar } from './HelpBar.tsx';
import { paneHeights } from './pane-heights.ts';
import { SessionList } from './SessionList.tsx';
import { isUnseen, selectedOf, visibleOf } from './ui-state.ts';
import { useLiveUi } from './use-live-ui.ts';

export interface AppProps {
  feed: Pick<SessionFeed, 'snapshot' | 'subscribe'>;
  /** Where the sessions come from (state directory or "demo"). */
  title: string;
  /** Fixed terminal size (tests, benchmarks); default: the real terminal, following resizes. */
  size?: { columns: number; rows: number };
}

export function App({ feed, title, size }: AppProps) {
  const [state, dispatch] = useLiveUi(feed);
  const terminal = useWindowSize();
  const { exit } = useApp();
  const columns = Math.max(20, size?.columns ?? terminal.columns);
  const rows = Math.max(6, size?.rows ?? terminal.rows);

  useInput((input, key) => dispatch({ type: 'key', input, key }));
  useEffect(() => {
    if (state.quitting) exit();
  }, [state.quitting, exit]);

  const unseen = useCallback((item: SessionItem) => isUnseen(state, item), [state]);
  const visible = visibleOf(state);
  const selected = selectedOf(state);
  const active = state.items.filter((i) => i.view.state === 'active').length;
  const heights = paneHeights(rows, state.mode, visible.length);
  const emptyText = !state.ready
    ? 'Reading sessions…'
    : state.filter !== ''
      ? `No session matches "${state.filter}".`
      : 'No sessions yet — they appear here as soon as an agent starts.';

  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      <Header
        title={title}
        total={state.items.length}
        active={active}
        shown={visible.length}
        ready={state.ready}
        follow={state.follow}
        problem={state.problem}
        width={columns}
      />
      {state.mode === 'list' ? (
        <>
          <SessionList
            rows={visible}
            selectedKey={state.selectedKey}
            isUnseen={unseen}
            now={state.now}
            height={heights.list}
            width={columns}
            emptyText={emptyText}
          />
          <Box
            height={1}
            width={columns}
            borderStyle="single"
            borderTop
            borderBottom={false}
            borderLeft={false}
            borderRight={false}
            borderDimColor
          />
        </>
      ) : null}
      <DetailPane
        view={selected?.view}
        now={state.now}
        height={heights.box}
        width={columns}
        expandSubagents={state.expandSubagents}
        expandTools={state.expandTools}
      />
      <HelpBar filter={state.filter} filterEditing={state.filterEditing} width={columns} />
    </Box>
  );
}
