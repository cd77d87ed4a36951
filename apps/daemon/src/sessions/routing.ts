// Where a session's boxes go (design §2): the registry's Mattermost delivery context, else
// DEFAULT_CHANNEL, else nowhere (the daemon leaves such sessions alone).
import type { SessionRecord } from '@livestatus/transcript';

/**
 * `accountId` is the OpenClaw Mattermost account whose bot the session talks through (design §2);
 * absent for `default` and for sessions without one, which both mean MM_TOKEN's bot.
 */
export type Route =
  | { kind: 'channel'; channelId: string; rootId?: string; accountId?: string }
  | { kind: 'dm'; userId: string; rootId?: string; accountId?: string };

export function routeFor(
  record: SessionRecord | undefined,
  defaultChannel: string | undefined,
): Route | null {
  const mm = record?.mattermost;
  const rootId = mm?.rootId ? { rootId: mm.rootId } : {};
  const account = mm?.accountId && mm.accountId !== 'default' ? { accountId: mm.accountId } : {};
  if (mm?.channelId) return { kind: 'channel', channelId: mm.channelId, ...rootId, ...account };
  if (mm?.dmUserId) return { kind: 'dm', userId: mm.dmUserId, ...rootId, ...account };
  // DEFAULT_CHANNEL is the operator's fallback, not the session's account: MM_TOKEN's bot posts.
  if (defaultChannel) return { kind: 'channel', channelId: defaultChannel };
  return null;
}

/** Stable text form for logs, persistence and comparisons (the bot is not part of where). */
export function routeId(r: Route): string {
  const base = r.kind === 'channel' ? `channel:${r.channelId}` : `user:${r.userId}`;
  return r.rootId ? `${base}:thread:${r.rootId}` : base;
}
