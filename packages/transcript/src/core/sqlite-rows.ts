// The SQLite-era registry (OpenClaw ≥ 2026.8): rows of `session_nodes` (entry_json = the old
// SessionEntry), `session_windows` (one per sessionId) and `conversations`, given as plain row
// objects — the sources read the database, this only maps rows to SessionRecords.
import type { MattermostTarget, SessionRecord } from '../types.ts';
import { commonFields, isRecord, type Json, runStatus, str, time } from './registry-entry.ts';
import { agentFromKey } from './session-key.ts';

export interface SqliteRegistryRows {
  nodes: object[];
  windows: object[];
  conversations: object[];
}

export function recordsFromSqliteRows(
  rows: SqliteRegistryRows,
  ctx: { agent: string; dbPath: string },
): SessionRecord[] {
  const windows = new Map<string, Json>();
  for (const w of rows.windows) if (isRecord(w) && str(w.session_id)) windows.set(w.session_id as string, w);
  const conversations = new Map<string, Json>();
  for (const c of rows.conversations) {
    if (isRecord(c) && str(c.conversation_id)) conversations.set(c.conversation_id as string, c);
  }
  const records: SessionRecord[] = [];
  for (const node of rows.nodes) {
    if (!isRecord(node)) continue;
    const key = str(node.session_key);
    const entry = entryOf(node.entry_json);
    const sessionId = str(node.current_session_id) ?? str(entry.sessionId);
    if (!key || !sessionId) continue;
    const window = windows.get(sessionId);
    const common = commonFields(key, entry);
    const status = runStatus(node.status) ?? common.status;
    const startedAt = common.startedAt ?? time(window?.started_at);
    const endedAt = common.endedAt ?? time(window?.ended_at);
    const updatedAt = time(node.updated_at) ?? common.updatedAt;
    const parentKey = str(node.parent_session_key) ?? str(node.spawned_by) ?? common.parentKey;
    const label = str(node.label) ?? common.label;
    const conversation = window ? conversations.get(str(window.primary_conversation_id) ?? '') : undefined;
    const mattermost = common.mattermost ?? targetFromConversation(conversation);
    records.push({
      ...common,
      key,
      sessionId,
      agent: agentFromKey(key) || ctx.agent,
      status,
      ...(startedAt ? { startedAt } : {}),
      ...(endedAt ? { endedAt } : {}),
      ...(updatedAt ? { updatedAt } : {}),
      ...(parentKey ? { parentKey } : {}),
      ...(label ? { label } : {}),
      ...(mattermost ? { mattermost } : {}),
      transcript: { kind: 'sqlite', dbPath: ctx.dbPath, sessionId },
    });
  }
  return records;
}

/** `entry_json` is TEXT in the database and already an object in JSON exports. */
function entryOf(v: unknown): Json {
  if (isRecord(v)) return v;
  if (typeof v !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(v);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

function targetFromConversation(c: Json | undefined): MattermostTarget | undefined {
  if (c?.channel !== 'mattermost') return undefined;
  const to = str(c.delivery_target);
  const channelId = to?.startsWith('channel:') ? to.slice(8) : (str(c.native_channel_id) ?? undefined);
  const dmUserId = to?.startsWith('user:') ? to.slice(5) : str(c.native_direct_user_id);
  const rootId = str(c.thread_id);
  const accountId = str(c.account_id);
  const base = c.kind === 'direct' && dmUserId ? { dmUserId } : channelId ? { channelId } : undefined;
  if (!base) return undefined;
  return { ...base, ...(rootId ? { rootId } : {}), ...(accountId ? { accountId } : {}) };
}
