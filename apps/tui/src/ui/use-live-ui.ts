// Adapts the live session feed to the UI reducer: one dispatch per snapshot the feed publishes.
import { type Dispatch, useEffect, useReducer } from 'react';
import type { SessionFeed } from '../sessions/session-feed.ts';
import { initialUiState, type UiAction, type UiState, uiReducer } from './ui-state.ts';

export function useLiveUi(feed: Pick<SessionFeed, 'snapshot' | 'subscribe'>): [UiState, Dispatch<UiAction>] {
  const [state, dispatch] = useReducer(uiReducer, feed, (f) =>
    uiReducer(initialUiState, { type: 'snapshot', snapshot: f.snapshot() }),
  );
  useEffect(() => {
    // A snapshot published between the first render and this subscription would be lost.
    dispatch({ type: 'snapshot', snapshot: feed.snapshot() });
    return feed.subscribe((snapshot) => dispatch({ type: 'snapshot', snapshot }));
  }, [feed]);
  return [state, dispatch];
}
