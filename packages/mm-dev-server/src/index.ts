// @livestatus/mm-dev-server — a Mattermost-compatible REST v4 + WebSocket server for tests,
// benchmarks and the demo. Not shipped.

export type { Clock, ManualClock } from './clock.ts';
// Clock for deterministic rate-limit and fault windows
export { manualClock, systemClock } from './clock.ts';
export type { FaultMatcher } from './faults.ts';
export type { MentionResult } from './mentions.ts';
// Mattermost's mention rules, ported independently (for other packages' safety tests)
export { findMentions, removeCodeFromMessage } from './mentions.ts';
export type { PluginManifest } from './plugins.ts';
// Limits the server enforces (Mattermost's)
export { POST_MESSAGE_MAX_RUNES, POST_PROPS_MAX_RUNES, POST_TYPE_MAX_LENGTH } from './post-validation.ts';
export type { RateLimitSettings } from './rate-limiter.ts';
export type { RequestLogEntry, ServerEvent } from './request-log.ts';
export type { Seed, SeedChannel, SeedPost, SeedUser } from './seed.ts';
// Seed: default ids, tokens and passwords
export { DEFAULT_IDS, defaultSeed } from './seed.ts';
export type { Faults, MmDevServer, ServerOptions, Timers } from './server.ts';
// Server
export { createServer } from './server.ts';
export type { MentionRecord, PostEvent } from './world.ts';
