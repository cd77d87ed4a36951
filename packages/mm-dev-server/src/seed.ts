// The world a server starts with: users, bot, tokens, team, channels and seed posts.
// Defaults carry the ids the real OpenClaw fixtures route to, so fixtures work with no config.

export interface SeedUser {
  id: string;
  username: string;
  /** Login password (browser users); omit for bots. */
  password?: string;
  /** Personal access / bot tokens that authenticate as this user. */
  tokens?: string[];
  isBot?: boolean;
  isAdmin?: boolean;
}

export interface SeedChannel {
  id: string;
  name: string;
  displayName?: string;
  /** 'O' open, 'P' private. */
  type?: 'O' | 'P';
  /** User ids; default: every seeded user. */
  members?: string[];
}

export interface SeedPost {
  id: string;
  channelId: string;
  userId: string;
  message: string;
  rootId?: string;
}

export interface Seed {
  team: { id: string; name: string; displayName: string };
  users: SeedUser[];
  channels: SeedChannel[];
  posts: SeedPost[];
}

/** Ids and secrets of the default seed (tests and the demo use these). */
export const DEFAULT_IDS = {
  teamId: 'livestatusteam000000000000',
  /** `town-square`; the channel the real OpenClaw fixtures post to (`channel:<id>`). */
  channelId: '4xk9pq7wbjdo8rj3n5s1mct6ue',
  offTopicChannelId: 'offtopicchannel00000000000',
  /** A root post in town-square: the fixtures' thread sessions reply to it (`:thread:<id>`). */
  threadRootPostId: '8z1yq3mhsfn5pcd7e4u9wqx2ka',
  /** alice, the fixtures' DM user (`user:<id>`). */
  aliceUserId: 'u7gq1m3kx5f8bq2ncw9ta4zr6e',
  adminUserId: 'adminuser00000000000000000',
  botUserId: 'livestatusbot0000000000000',
  botToken: 'livestatusbottoken00000000',
  aliceToken: 'alicetoken0000000000000000',
  adminToken: 'admintoken0000000000000000',
  alicePassword: 'alice-password',
  adminPassword: 'admin-password',
} as const;

export function defaultSeed(): Seed {
  const d = DEFAULT_IDS;
  return {
    team: { id: d.teamId, name: 'livestatus', displayName: 'Live Status' },
    users: [
      {
        id: d.adminUserId,
        username: 'admin',
        password: d.adminPassword,
        tokens: [d.adminToken],
        isAdmin: true,
      },
      { id: d.aliceUserId, username: 'alice', password: d.alicePassword, tokens: [d.aliceToken] },
      { id: d.botUserId, username: 'livestatus-bot', tokens: [d.botToken], isBot: true },
    ],
    channels: [
      { id: d.channelId, name: 'town-square', displayName: 'Town Square' },
      { id: d.offTopicChannelId, name: 'off-topic', displayName: 'Off-Topic' },
    ],
    posts: [
      {
        id: d.threadRootPostId,
        channelId: d.channelId,
        userId: d.aliceUserId,
        message: 'Can you look into the failing build?',
      },
    ],
  };
}
