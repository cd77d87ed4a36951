// One status box = one Mattermost post for one (session key, turn). This module holds the box's
// bookkeeping and the pure decision of which request brings the post up to date; the dispatcher
// does the I/O.
import type { SessionView, TurnState } from '@livestatus/transcript';
import type { Mode } from './post-content.ts';

export interface Box {
  /** Unique id, also written into the post's props (`livestatus_box`). */
  id: string;
  key: string;
  turn: number;
  /** Resolved channel (DMs resolved already) and thread root. */
  channelId?: string;
  rootId?: string;
  /** `channel:<id>` or `user:<id>`, resolved lazily. */
  routeText: string;
  /**
   * The MM_ACCOUNT_TOKENS account whose bot creates and edits the post; absent: MM_TOKEN's bot.
   * Fixed at creation and persisted: Mattermost lets only a post's author edit it.
   */
  account?: string;
  postId?: string;
  /** Type the post was created with; a mode change mid-turn keeps the same post. */
  postMode?: Mode;
  /** A create was sent; if its answer was lost, look for the post before creating again. */
  createStartedAt?: number;
  view: SessionView;
  /** Bumped on every new view; `sentVersion` is what Mattermost has. */
  version: number;
  sentVersion: number;
  /** Turn state whose text is in `message` (plugin mode rewrites message only when it changes). */
  messageState?: TurnState;
  lastSentAt: number | null;
  /** Retry backoff after a failure. */
  retryAt: number;
  failures: number;
  /** The post was deleted (403/404 on edit) or refused for good: never touch it again. */
  gone: boolean;
  /** Set when a shutdown marked it interrupted; a restart may bring it back to active. */
  interruptedByShutdown?: boolean;
  queuedAt: number;
}

/**
 * What is remembered of a box whose post is gone: its turn never gets another post, even after a
 * restart (a deleted status box must not come back as a second post).
 */
export interface GoneTurn {
  key: string;
  turn: number;
  boxId: string;
  postId?: string;
  at: number;
}

export function isTerminal(state: TurnState): boolean {
  return state !== 'active';
}

/** The box has something Mattermost has not seen yet. */
export function isDirty(b: Box): boolean {
  return !b.gone && b.version > b.sentVersion;
}

/** Nothing more will ever be sent for this box. */
export function isFinished(b: Box): boolean {
  return b.gone || (isTerminal(b.view.state) && b.sentVersion >= b.version && b.postId !== undefined);
}

export type Plan =
  | { kind: 'create'; mode: Mode }
  | { kind: 'find-lost-create'; since: number }
  | { kind: 'patch'; postId: string; withMessage: boolean };

/**
 * Which request to send next. Plugin-typed posts get props-only patches while the state is
 * unchanged (no "(edited)"); posts created in REST mode, or any post while the plugin is
 * missing, carry the Markdown box in `message` on every update.
 */
export function planRequest(b: Box, mode: Mode): Plan {
  if (!b.postId) {
    if (b.createStartedAt !== undefined) return { kind: 'find-lost-create', since: b.createStartedAt };
    return { kind: 'create', mode };
  }
  const postMode = b.postMode ?? 'rest';
  if (postMode === 'plugin' && mode === 'plugin') {
    return {
      kind: 'patch',
      postId: b.postId,
      withMessage: b.messageState !== b.view.state,
    };
  }
  return { kind: 'patch', postId: b.postId, withMessage: true };
}

/** Exponential backoff for one box after a retryable failure, capped. */
export function backoffMs(failures: number): number {
  return Math.min(30_000, 250 * 2 ** Math.min(failures, 10));
}
