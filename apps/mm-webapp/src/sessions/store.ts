// A tiny observable around the sessions reducer, shared by the panel and the widget (the host's
// Redux store belongs to Mattermost; this list is the plugin's own).

import type { HostPost } from '../host/types.ts';
import { POST_TYPE } from '../manifest.ts';
import type { Validate } from '../trust/trust.ts';
import {
  EMPTY_SESSIONS,
  type SessionEntry,
  type SessionsAction,
  type SessionsState,
  sessionsReducer,
} from './sessions.ts';

export interface SessionStore {
  getState(): SessionsState;
  dispatch(action: SessionsAction): void;
  subscribe(listener: () => void): () => void;
}

export function createSessionStore(initial: SessionsState = EMPTY_SESSIONS): SessionStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = sessionsReducer(state, action);
      if (next === state) return;
      state = next;
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Turns a post into a sessions action: an upsert for a valid status post, a removal for a
 * deleted one or one whose props no longer validate, nothing for any other post.
 */
export function actionForPost(
  post: HostPost,
  validate: Validate,
  seenAt: number,
): SessionsAction | undefined {
  if (post.type !== POST_TYPE) return undefined;
  if (post.delete_at !== undefined && post.delete_at > 0) return { type: 'remove', postId: post.id };
  const result = validate(post.props?.livestatus);
  if (!result.ok) return { type: 'remove', postId: post.id };
  const entry: SessionEntry = {
    postId: post.id,
    channelId: post.channel_id,
    userId: post.user_id,
    view: result.view,
    updatedAt: post.update_at ?? seenAt,
  };
  if (post.root_id) entry.rootId = post.root_id;
  return { type: 'upsert', entry };
}
