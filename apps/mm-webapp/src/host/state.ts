// Readers of Mattermost's Redux state (mattermost-redux's `entities` layout). The state belongs to
// the host, so every read tolerates a missing branch instead of throwing inside a render.
import type { HostPost } from './types.ts';

type Dict = Record<string, unknown>;

function dict(v: unknown): Dict | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Dict) : undefined;
}

function at(root: unknown, ...path: string[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    const d = dict(cur);
    if (!d || !Object.hasOwn(d, key)) return undefined;
    cur = d[key];
  }
  return cur;
}

export interface AuthorProfile {
  id: string;
  isBot: boolean;
  username?: string;
}

/** The author's profile if the store has it; `undefined` means "not loaded yet". */
export function profileOf(state: unknown, userId: string): AuthorProfile | undefined {
  const p = dict(at(state, 'entities', 'users', 'profiles', userId));
  if (!p) return undefined;
  return {
    id: userId,
    isBot: p.is_bot === true,
    username: typeof p.username === 'string' ? p.username : undefined,
  };
}

export function siteUrl(state: unknown): string {
  const url = at(state, 'entities', 'general', 'config', 'SiteURL');
  return typeof url === 'string' ? url.replace(/\/+$/, '') : '';
}

export function currentTeamName(state: unknown): string | undefined {
  const id = at(state, 'entities', 'teams', 'currentTeamId');
  if (typeof id !== 'string') return undefined;
  const name = at(state, 'entities', 'teams', 'teams', id, 'name');
  return typeof name === 'string' ? name : undefined;
}

export function channelDisplayName(state: unknown, channelId: string): string | undefined {
  const name = at(state, 'entities', 'channels', 'channels', channelId, 'display_name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * Channels the user belongs to with a post newer than `since`, newest first, at most `limit`:
 * the ones worth asking for recent status posts after a page load.
 */
export function recentlyActiveChannels(state: unknown, since: number, limit: number): string[] {
  const members = dict(at(state, 'entities', 'channels', 'myMembers')) ?? {};
  const found: Array<{ id: string; lastPostAt: number }> = [];
  for (const id of Object.keys(members)) {
    const last = at(state, 'entities', 'channels', 'channels', id, 'last_post_at');
    if (typeof last === 'number' && last >= since) found.push({ id, lastPostAt: last });
  }
  found.sort((a, b) => b.lastPostAt - a.lastPostAt);
  return found.slice(0, limit).map((c) => c.id);
}

/** Parses a post from a WebSocket payload (`data.post` is a JSON string) or an API response. */
export function asHostPost(v: unknown): HostPost | undefined {
  let raw = v;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const p = dict(raw);
  if (!p) return undefined;
  if (typeof p.id !== 'string' || typeof p.user_id !== 'string' || typeof p.channel_id !== 'string') {
    return undefined;
  }
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
  return {
    id: p.id,
    user_id: p.user_id,
    channel_id: p.channel_id,
    root_id: typeof p.root_id === 'string' ? p.root_id : undefined,
    type: typeof p.type === 'string' ? p.type : undefined,
    message: typeof p.message === 'string' ? p.message : undefined,
    props: dict(p.props) ?? null,
    create_at: num(p.create_at),
    update_at: num(p.update_at),
    edit_at: num(p.edit_at),
    delete_at: num(p.delete_at),
  };
}

/** Whether the author is a bot: `undefined` while the profile is not in the store. */
export function authorIsBot(state: unknown, userId: string): boolean | undefined {
  return profileOf(state, userId)?.isBot;
}

/**
 * The user's theme as post components receive it: mattermost-redux keeps it as a JSON
 * preference (category `theme`, name = team id, or '' for all teams).
 */
export function currentTheme(state: unknown): string | undefined {
  const prefs = dict(at(state, 'entities', 'preferences', 'myPreferences')) ?? {};
  const teamId = at(state, 'entities', 'teams', 'currentTeamId');
  const pick = (key: string) => {
    const value = dict(prefs[key])?.value;
    return typeof value === 'string' ? value : undefined;
  };
  return (typeof teamId === 'string' ? pick(`theme--${teamId}`) : undefined) ?? pick('theme--');
}

export function parseTheme(json: string | undefined): Record<string, string> | undefined {
  if (!json) return undefined;
  try {
    const v: unknown = JSON.parse(json);
    const d = dict(v);
    if (!d) return undefined;
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(d)) if (typeof val === 'string') out[k] = val;
    return out;
  } catch {
    return undefined;
  }
}
