// The sessions the panel and the widget show, live: the plugin's session store filtered to bot
// authors (profiles from the host store, missing ones requested), re-selected on every change
// and every tick (so ended sessions age out of "Recent").
import { useEffect, useMemo, useState } from 'react';
import { profileOf } from '../host/state.ts';
import type { HostStore } from '../host/types.ts';
import { authorsOf, type SessionList, selectSessions } from '../sessions/sessions.ts';
import type { SessionStore } from '../sessions/store.ts';
import type { Ticker } from '../ticker/ticker.ts';
import type { AuthorLoader } from '../trust/authors.ts';

export interface SessionListDeps {
  sessions: SessionStore;
  hostStore: HostStore;
  ticker: Ticker;
  authors: AuthorLoader;
}

export function useSessionList(deps: SessionListDeps): { list: SessionList; now: number } {
  const { sessions, hostStore, ticker, authors } = deps;
  const [version, setVersion] = useState(0);
  const [now, setNow] = useState(() => ticker.now());
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const offSessions = sessions.subscribe(bump);
    const offHost = hostStore.subscribe(bump);
    const offTick = ticker.subscribe(setNow);
    return () => {
      offSessions();
      offHost();
      offTick();
    };
  }, [sessions, hostStore, ticker]);

  const state = sessions.getState();
  useEffect(() => {
    const hostState = hostStore.getState();
    for (const id of authorsOf(state)) if (!profileOf(hostState, id)) authors.request(id);
  }, [state, hostStore, authors]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version marks host-store changes (profiles)
  const list = useMemo(() => {
    const hostState = hostStore.getState();
    return selectSessions(state, (id) => profileOf(hostState, id)?.isBot === true, now);
  }, [state, hostStore, now, version]);
  return { list, now };
}
