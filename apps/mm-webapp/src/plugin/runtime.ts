// Everything the plugin's components share for one page lifetime: the clock, the REST client,
// the author loader, the session list, and the event and hydration plumbing that feed it.
// `dispose` undoes all of it (uninitialize).
import { validateProps } from '@livestatus/render/props';
import { createApi, type Fetch } from '../client/api.ts';
import { asHostPost, siteUrl } from '../host/state.ts';
import type { HostStore, WebSocketMessage } from '../host/types.ts';
import { hydrate } from '../sessions/hydrate.ts';
import { actionForPost, createSessionStore, type SessionStore } from '../sessions/store.ts';
import { createTicker, type Scheduler, type Ticker } from '../ticker/ticker.ts';
import { type AuthorLoader, createAuthorLoader, type Timers } from '../trust/authors.ts';
import type { Validate } from '../trust/trust.ts';

export interface RuntimeEnv {
  now(): number;
  scheduler: Scheduler;
  timers: Timers;
  fetch: Fetch;
  cookie(): string;
}

export function browserEnv(win: Window = window): RuntimeEnv {
  return {
    now: () => Date.now(),
    scheduler: {
      setInterval: (fn, ms) => win.setInterval(fn, ms),
      clearInterval: (h) => win.clearInterval(h as number),
    },
    timers: {
      setTimeout: (fn, ms) => win.setTimeout(fn, ms),
      clearTimeout: (h) => win.clearTimeout(h as number),
    },
    fetch: (input, init) => win.fetch(input, init),
    cookie: () => win.document.cookie,
  };
}

export interface Runtime {
  hostStore: HostStore;
  ticker: Ticker;
  authors: AuthorLoader;
  sessions: SessionStore;
  validate: Validate;
  onPostEvent(msg: WebSocketMessage): void;
  onPostDeleted(msg: WebSocketMessage): void;
  /** Loads recent status posts once the store knows the user's channels; again after `force`. */
  hydrate(force?: boolean): void;
  isHydrating(): boolean;
  dispose(): void;
}

export function createRuntime(hostStore: HostStore, env: RuntimeEnv): Runtime {
  const validate = validateProps as Validate;
  const ticker = createTicker({ now: env.now, scheduler: env.scheduler });
  const api = createApi({
    baseUrl: () => siteUrl(hostStore.getState()),
    fetch: env.fetch,
    cookie: env.cookie,
  });
  const authors = createAuthorLoader({
    fetchUsersByIds: api.getUsersByIds,
    store: hostStore,
    hasProfile: (id) => {
      const s = hostStore.getState() as { entities?: { users?: { profiles?: Record<string, unknown> } } };
      return Boolean(s?.entities?.users?.profiles?.[id]);
    },
    timers: env.timers,
    now: env.now,
  });
  const sessions = createSessionStore();
  let disposed = false;
  let hydrating = false;
  let hydrated = false;
  let waitForChannels: (() => void) | undefined;

  const ingest = (raw: unknown) => {
    const post = asHostPost(raw);
    if (!post) return;
    const action = actionForPost(post, validate, env.now());
    if (action) sessions.dispatch(action);
  };

  const hasChannels = () => {
    const s = hostStore.getState() as { entities?: { channels?: { myMembers?: object } } };
    return Object.keys(s?.entities?.channels?.myMembers ?? {}).length > 0;
  };

  const run = () => {
    if (disposed || hydrating) return;
    hydrating = true;
    hydrated = true;
    void hydrate(hostStore.getState(), api, env.now(), (posts) => {
      if (!disposed) for (const p of posts) ingest(p);
    }).finally(() => {
      hydrating = false;
      if (!disposed) sessions.dispatch({ type: 'prune', now: env.now() });
    });
  };

  return {
    hostStore,
    ticker,
    authors,
    sessions,
    validate,
    onPostEvent(msg) {
      if (disposed) return;
      ingest(msg.data?.post);
      sessions.dispatch({ type: 'prune', now: env.now() });
    },
    onPostDeleted(msg) {
      const post = asHostPost(msg.data?.post);
      if (post && !disposed) sessions.dispatch({ type: 'remove', postId: post.id });
    },
    hydrate(force = false) {
      if (disposed || (hydrated && !force)) return;
      if (hasChannels()) {
        run();
        return;
      }
      // Plugins can initialise before the webapp has loaded the user's channels.
      if (!waitForChannels) {
        waitForChannels = hostStore.subscribe(() => {
          if (!hasChannels()) return;
          waitForChannels?.();
          waitForChannels = undefined;
          run();
        });
      }
    },
    isHydrating: () => hydrating,
    dispose() {
      disposed = true;
      waitForChannels?.();
      waitForChannels = undefined;
      ticker.dispose();
      authors.dispose();
    },
  };
}
