// Where a session's boxes go (design §2): the registry's Mattermost delivery context, else
// DEFAULT_CHANNEL, else nowhere (the daemon leaves such sessions alone).
import type { SessionRecord } from '@livestatus/transcript';

export type Route =
  | { kind: 'channel'; channelId: string; rootId?: string }
  | { kind: 'dm'; userId: string; rootId?: string };

export function routeFor(
  record: SessionRecord | undefined,
  defaultChannel: string | undefined,
): Route | null {
  const mm = record?.mattermost;
  const rootId = mm?.rootId ? { rootId: mm.rootId } : {};
  if (mm?.channelId) return { kind: 'channel', channelId: mm.channelId, ...rootId };
  if (mm?.dmUserId) return { kind: 'dm', userId: mm.dmUserId, ...rootId };
  if (defaultChannel) return { kind: 'channel', channelId: defaultChannel };
  return null;
}

/** Stable text form for logs, persistence and comparisons. */
export function routeId(r: Route): string {
  const base = r.kind === 'channel' ? `channel:${r.channelId}` : `user:${r.userId}`;
  return r.rootId ? `${base}:thread:${r.rootId}` : base;
}
