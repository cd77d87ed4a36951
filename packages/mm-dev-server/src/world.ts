// The server's in-memory state: who exists, which channels they are in, the posts, and a record of
// everything tests want to read back. Pure data + lookups; HTTP and WebSocket live elsewhere.
import type { Channel } from '@mattermost/types/channels';
import type { Post } from '@mattermost/types/posts';
import type { Team } from '@mattermost/types/teams';
import type { UserProfile } from '@mattermost/types/users';
import type { Clock } from './clock.ts';
import type { Seed } from './seed.ts';

export interface UserRecord {
  id: string;
  username: string;
  password: string | undefined;
  isBot: boolean;
  isAdmin: boolean;
  createAt: number;
}

export interface ChannelRecord {
  id: string;
  teamId: string;
  type: 'O' | 'P' | 'D';
  name: string;
  displayName: string;
  createAt: number;
  updateAt: number;
  lastPostAt: number;
  lastRootPostAt: number;
  creatorId: string;
  members: Set<string>;
}

/** One mention check of a created or edited post: who Mattermost would notify. */
export interface MentionRecord {
  postId: string;
  kind: 'create' | 'edit';
  /** `@here`, `@channel` or `@all` was found. */
  channelWide: boolean;
  /** Usernames of channel members (other than the author) that were mentioned. */
  users: string[];
  /** `@words` that matched no channel member. */
  otherPotential: string[];
}

/** A change to a post, as the WebSocket hub broadcasts it and tests await it. */
export type PostEvent =
  | { type: 'posted'; post: Post; channel: ChannelRecord; sender: UserRecord; setOnline: boolean }
  | { type: 'post_edited'; post: Post; channel: ChannelRecord }
  | { type: 'post_deleted'; post: Post; channel: ChannelRecord; deletedBy: string };

export class World {
  readonly clock: Clock;
  readonly team: { id: string; name: string; displayName: string; createAt: number };
  readonly users = new Map<string, UserRecord>();
  readonly tokens = new Map<string, string>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly posts = new Map<string, Post>();
  /** Soft-deleted copies written on every update, as Mattermost's post store does. */
  readonly history = new Map<string, Post[]>();
  readonly mentions: MentionRecord[] = [];

  constructor(seed: Seed, clock: Clock) {
    this.clock = clock;
    const now = clock.now();
    this.team = { ...seed.team, createAt: now };
    for (const u of seed.users) {
      this.users.set(u.id, {
        id: u.id,
        username: u.username,
        password: u.password,
        isBot: u.isBot ?? false,
        isAdmin: u.isAdmin ?? false,
        createAt: now,
      });
      for (const t of u.tokens ?? []) this.tokens.set(t, u.id);
    }
    for (const c of seed.channels) {
      this.channels.set(c.id, {
        id: c.id,
        teamId: seed.team.id,
        type: c.type ?? 'O',
        name: c.name,
        displayName: c.displayName ?? c.name,
        createAt: now,
        updateAt: now,
        lastPostAt: 0,
        lastRootPostAt: 0,
        creatorId: seed.users.find((u) => u.isAdmin)?.id ?? '',
        members: new Set(c.members ?? seed.users.map((u) => u.id)),
      });
    }
  }

  userByName(username: string): UserRecord | undefined {
    const lower = username.toLowerCase();
    for (const u of this.users.values()) if (u.username.toLowerCase() === lower) return u;
    return undefined;
  }

  isMember(channelId: string, userId: string): boolean {
    return this.channels.get(channelId)?.members.has(userId) ?? false;
  }

  channelsOf(userId: string): ChannelRecord[] {
    return [...this.channels.values()].filter((c) => c.members.has(userId));
  }

  /** The user as the REST API shows it (no password; email only to oneself or an admin). */
  userJson(user: UserRecord, viewer?: UserRecord): UserProfile {
    const self = viewer?.id === user.id || viewer?.isAdmin === true;
    return {
      id: user.id,
      create_at: user.createAt,
      update_at: user.createAt,
      delete_at: 0,
      username: user.username,
      password: '',
      auth_service: '',
      email: self ? `${user.username}@example.com` : '',
      nickname: '',
      first_name: '',
      last_name: '',
      position: '',
      roles: user.isAdmin ? 'system_admin system_user' : 'system_user',
      props: {},
      notify_props: {} as UserProfile['notify_props'],
      last_password_update: user.createAt,
      last_picture_update: 0,
      locale: 'en',
      mfa_active: false,
      last_activity_at: 0,
      is_bot: user.isBot,
      bot_description: '',
      terms_of_service_id: '',
      terms_of_service_create_at: 0,
    };
  }

  channelJson(c: ChannelRecord): Channel {
    return {
      id: c.id,
      create_at: c.createAt,
      update_at: c.updateAt,
      delete_at: 0,
      team_id: c.teamId,
      type: c.type,
      display_name: c.displayName,
      name: c.name,
      header: '',
      purpose: '',
      last_post_at: c.lastPostAt,
      last_root_post_at: c.lastRootPostAt,
      creator_id: c.creatorId,
      scheme_id: '',
      group_constrained: false,
    };
  }

  teamJson(): Team {
    return {
      id: this.team.id,
      create_at: this.team.createAt,
      update_at: this.team.createAt,
      delete_at: 0,
      display_name: this.team.displayName,
      name: this.team.name,
      description: '',
      email: '',
      type: 'O',
      company_name: '',
      allowed_domains: '',
      invite_id: '',
      allow_open_invite: true,
      scheme_id: '',
      group_constrained: false,
    };
  }
}
