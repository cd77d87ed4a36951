// The list of agent sessions the user can see, built from status posts (WebSocket `posted` /
// `post_edited`, and the posts fetched when the page loads). Pure: the caller validates props
// and supplies the time; who may appear (bot authors only) is decided when selecting.
import type { SessionView } from '@livestatus/transcript';

export interface SessionEntry {
  postId: string;
  channelId: string;
  rootId?: string;
  userId: string;
  view: SessionView;
  /** The post's update_at (or when we saw it): orders stale copies after fresh ones. */
  updatedAt: number;
}

export interface SessionsState {
  byPost: Readonly<Record<string, SessionEntry>>;
}

export type SessionsAction =
  | { type: 'upsert'; entry: SessionEntry }
  | { type: 'remove'; postId: string }
  | { type: 'prune'; now: number };

export const EMPTY_SESSIONS: SessionsState = { byPost: {} };

/** Ended sessions stay listed (under "Recent") this long. */
export const RECENT_MS = 15 * 60_000;
/** An active box with no update for this long is shown as stalled: its writer is probably gone. */
export const STALLED_MS = 5 * 60_000;
/** Bound on remembered posts, whatever the traffic. */
export const MAX_ENTRIES = 200;

export function sessionsReducer(state: SessionsState, action: SessionsAction): SessionsState {
  switch (action.type) {
    case 'upsert': {
      const prev = state.byPost[action.entry.postId];
      if (prev && prev.updatedAt > action.entry.updatedAt) return state;
      const byPost = { ...state.byPost, [action.entry.postId]: action.entry };
      const ids = Object.keys(byPost);
      if (ids.length > MAX_ENTRIES) {
        ids.sort((a, b) => byPost[a]!.updatedAt - byPost[b]!.updatedAt);
        for (const id of ids.slice(0, ids.length - MAX_ENTRIES)) delete byPost[id];
      }
      return { byPost };
    }
    case 'remove': {
      if (!state.byPost[action.postId]) return state;
      const { [action.postId]: _gone, ...byPost } = state.byPost;
      return { byPost };
    }
    case 'prune': {
      let changed = false;
      const byPost: Record<string, SessionEntry> = {};
      for (const [id, e] of Object.entries(state.byPost)) {
        if (e.view.state !== 'active' && action.now - endOf(e) > RECENT_MS) changed = true;
        else byPost[id] = e;
      }
      return changed ? { byPost } : state;
    }
  }
}

function endOf(e: SessionEntry): number {
  return e.view.endedAt ?? e.updatedAt;
}

export function lastActivity(e: SessionEntry): number {
  return Math.max(e.view.lastActivityAt || 0, e.updatedAt);
}

export function isStalled(e: SessionEntry, now: number): boolean {
  return e.view.state === 'active' && now - lastActivity(e) > STALLED_MS;
}

export interface SessionList {
  active: SessionEntry[];
  recent: SessionEntry[];
}

/**
 * What the panel and widget show: one entry per session key (its newest turn), authors that
 * are known bots only, active first by latest activity, then recently ended ones.
 */
export function selectSessions(
  state: SessionsState,
  isBot: (userId: string) => boolean,
  now: number,
): SessionList {
  const newest = new Map<string, SessionEntry>();
  for (const e of Object.values(state.byPost)) {
    if (!isBot(e.userId)) continue;
    const key = `${e.channelId}\u0000${e.view.key}`;
    const cur = newest.get(key);
    if (
      !cur ||
      e.view.startedAt > cur.view.startedAt ||
      (e.view.startedAt === cur.view.startedAt && e.updatedAt > cur.updatedAt)
    ) {
      newest.set(key, e);
    }
  }
  const byActivity = (a: SessionEntry, b: SessionEntry) => lastActivity(b) - lastActivity(a);
  const all = [...newest.values()];
  return {
    active: all.filter((e) => e.view.state === 'active').sort(byActivity),
    recent: all
      .filter((e) => e.view.state !== 'active' && now - endOf(e) <= RECENT_MS)
      .sort((a, b) => endOf(b) - endOf(a)),
  };
}

/** Every author the list refers to, so missing profiles can be fetched. */
export function authorsOf(state: SessionsState): string[] {
  return [...new Set(Object.values(state.byPost).map((e) => e.userId))];
}
