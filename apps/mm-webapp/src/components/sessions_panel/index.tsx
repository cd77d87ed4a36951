// Connects the panel to the live session list, the host store (channel names, team, theme) and
// navigation.
import { useCallback } from 'react';
import { useHostSelector } from '../../hooks/useHostSelector.ts';
import { type SessionListDeps, useSessionList } from '../../hooks/useSessionList.ts';
import { navigateTo, permalink } from '../../host/navigate.ts';
import { channelDisplayName, currentTeamName, currentTheme, parseTheme } from '../../host/state.ts';
import type { SessionEntry } from '../../sessions/sessions.ts';
import { SessionsPanel } from './SessionsPanel.tsx';

export function createSessionsPanel(deps: SessionListDeps & { isHydrating(): boolean }) {
  // biome-ignore lint/correctness/noComponentHookFactories: the host renders this component with its own props only; the plugin's shared parts (store, clock, loaders) are bound here once, at initialize
  return function LiveStatusSessionsPanel() {
    const { list, now } = useSessionList(deps);
    const themeJson = useHostSelector(deps.hostStore, currentTheme);
    const onOpen = useCallback((entry: SessionEntry) => {
      const state = deps.hostStore.getState();
      navigateTo(permalink(currentTeamName(state), entry.postId, window.basename ?? ''));
    }, []);
    const channelName = useCallback((id: string) => channelDisplayName(deps.hostStore.getState(), id), []);
    return (
      <SessionsPanel
        list={list}
        now={now}
        theme={parseTheme(themeJson)}
        channelName={channelName}
        onOpen={onOpen}
        loading={deps.isHydrating()}
      />
    );
  };
}
