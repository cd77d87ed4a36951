// One OpenClaw SessionEntry (a `sessions.json` value, or `session_nodes.entry_json` in the SQLite
// era: the same shape, with routing moved under `delivery`) mapped to the parts of a
// SessionRecord both eras share. Registry files are untrusted input: every field is checked.
import type { MattermostTarget, RunStatus } from '../types.ts';
import { threadFromKey } from './session-key.ts';

const STATUSES = new Set(['running', 'done', 'failed', 'killed', 'timeout']);
const ID_MAX = 200;

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= ID_MAX ? v : undefined;
}

export function time(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;
}

export function runStatus(v: unknown): RunStatus {
  return typeof v === 'string' && STATUSES.has(v) ? (v as RunStatus) : null;
}

/** A route's `to`: `channel:<id>` or `user:<id>` (DM). */
function targetFromTo(to: unknown): Pick<MattermostTarget, 'channelId' | 'dmUserId'> | undefined {
  const s = str(to);
  if (!s) return undefined;
  if (s.startsWith('channel:') && s.length > 8) return { channelId: s.slice(8) };
  if (s.startsWith('user:') && s.length > 5) return { dmUserId: s.slice(5) };
  return undefined;
}

/** Where the session's replies go in Mattermost (design §2), or undefined for other channels. */
export function mattermostTargetOf(key: string, entry: Json): MattermostTarget | undefined {
  const delivery = isRecord(entry.delivery) ? entry.delivery : undefined;
  const context = isRecord(entry.deliveryContext)
    ? entry.deliveryContext
    : delivery && isRecord(delivery.context)
      ? delivery.context
      : undefined;
  const origin = isRecord(entry.origin)
    ? entry.origin
    : delivery && isRecord(delivery.origin)
      ? delivery.origin
      : undefined;
  let channel: string | undefined;
  let to: unknown;
  let threadId: unknown;
  let accountId: unknown;
  if (context && str(context.channel)) {
    channel = str(context.channel);
    to = context.to;
    threadId = context.threadId;
    accountId = context.accountId;
  } else {
    // Older entries without a delivery context still carry the last route used.
    channel = str(entry.lastChannel);
    to = entry.lastTo;
  }
  if (channel !== 'mattermost') return undefined;
  const target = targetFromTo(to) ?? targetFromTo(entry.lastTo) ?? targetFromTo(origin?.to);
  if (!target) return undefined;
  const rootId = str(threadId) ?? str(entry.lastThreadId) ?? str(origin?.threadId) ?? threadFromKey(key);
  const account = str(accountId) ?? str(entry.lastAccountId) ?? str(origin?.accountId);
  return { ...target, ...(rootId ? { rootId } : {}), ...(account ? { accountId: account } : {}) };
}

/** A short origin for display: "mattermost:#town-square", "webchat"… */
export function originOf(entry: Json): string | undefined {
  const channel = str(entry.channel) ?? str(entry.lastChannel);
  const group = str(entry.groupChannel);
  if (channel && group) return `${channel}:${group}`;
  return channel;
}

/** Fields every era maps the same way. */
export function commonFields(key: string, entry: Json) {
  const label = str(entry.label);
  const parentKey = str(entry.spawnedBy) ?? str(entry.parentSessionKey);
  const mattermost = mattermostTargetOf(key, entry);
  const origin = originOf(entry);
  const startedAt = time(entry.startedAt);
  const endedAt = time(entry.endedAt);
  const updatedAt = time(entry.updatedAt);
  return {
    ...(label ? { label } : {}),
    status: runStatus(entry.status),
    ...(startedAt ? { startedAt } : {}),
    ...(endedAt ? { endedAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    ...(parentKey ? { parentKey } : {}),
    ...(mattermost ? { mattermost } : {}),
    ...(origin ? { origin } : {}),
  };
}
