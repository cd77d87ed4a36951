// createServer(): wires the world, routes, WebSocket hub, faults and read-back helpers to a real
// HTTP listener on 127.0.0.1.
import { createServer as createHttpServer, type Server } from 'node:http';
import type { Post } from '@mattermost/types/posts';
import { Auth } from './auth.ts';
import { type Clock, systemClock } from './clock.ts';
import { dropRule, errorRule, type FaultMatcher, FaultState, resetRule } from './faults.ts';
import { createPipeline } from './http-pipeline.ts';
import { readPluginSource } from './plugin-source.ts';
import { type PluginManifest, PluginStore } from './plugins.ts';
import { Posts } from './posts.ts';
import {
  createRateLimiter,
  defaultRateLimitSettings,
  type RateLimiter,
  type RateLimitSettings,
} from './rate-limiter.ts';
import { RequestLog, type RequestLogEntry, type ServerEvent } from './request-log.ts';
import { Router } from './router.ts';
import { channelRoutes } from './routes/channels.ts';
import { pluginRoutes } from './routes/plugins.ts';
import { postRoutes } from './routes/posts.ts';
import { userRoutes } from './routes/users.ts';
import { defaultSeed, type Seed } from './seed.ts';
import type { Services } from './services.ts';
import { WebSocketHub } from './websocket-hub.ts';
import { type MentionRecord, World } from './world.ts';

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface ServerOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  seed?: Seed;
  /** Time for posts, rate-limit and fault windows. Default: the system clock. */
  clock?: Clock;
  /** Timers for injected latency and timed outages. Default: the global ones. */
  timers?: Timers;
  /** Random source for fractional faults. Default Math.random. */
  random?: () => number;
  /** Mattermost's rate limiter; off unless `enabled`. */
  rateLimit?: Partial<RateLimitSettings> & { enabled?: boolean };
  /** ExperimentalStrictCSRFEnforcement (default true: cookie sessions must send X-CSRF-Token). */
  strictCsrf?: boolean;
  plugins?: {
    /** PluginSettings.Enable (default true). */
    enabled?: boolean;
    /** PluginSettings.EnableUploads (default true). */
    uploadsEnabled?: boolean;
    /** Plugin directories or .tar.gz files installed (and enabled unless `enable: false`) at start. */
    install?: Array<string | { path: string; enable?: boolean }>;
  };
}

export interface Faults {
  /** Delay every matching request by `ms` (0 turns it off). */
  latency(ms: number, match?: FaultMatcher): void;
  /** Answer the next `count` matching requests with `status`. */
  failNext(count: number, status?: number, match?: FaultMatcher): void;
  /** Answer this fraction of matching requests with `status`. */
  failRate(rate: number, status?: number, match?: FaultMatcher): void;
  /** Answer matching requests with `status` while the server clock is in [fromMs, toMs). */
  failWindow(fromMs: number, toMs: number, status?: number, match?: FaultMatcher): void;
  /** Destroy the socket of the next `count` matching requests (a connection reset). */
  resetNext(count: number, match?: FaultMatcher): void;
  resetRate(rate: number, match?: FaultMatcher): void;
  /**
   * Handle the next `count` matching requests fully (a create stores and broadcasts its post), then
   * destroy the socket instead of answering: the client sees a reset, the work is done (a lost answer).
   */
  dropResponseNext(count: number, match?: FaultMatcher): void;
  /** Stop listening (connection refused) and drop all connections; reopen after `durationMs` if given. */
  outage(durationMs?: number): Promise<void>;
  /** Listen again on the same port. */
  endOutage(): Promise<void>;
  /** Turn Mattermost's rate limiter on (optionally with settings) or off. */
  rateLimit(on: boolean | Partial<RateLimitSettings>): void;
  /** Delete a post as a user would (GET then answers 404, edits 403). Returns false if already gone. */
  deletePost(postId: string): boolean;
  /** Remove every latency/error/reset rule. */
  clear(): void;
}

export interface MmDevServer {
  url: string;
  port: number;
  close(): Promise<void>;
  faults: Faults;
  /** Every HTTP request answered, in order. */
  log: RequestLog;
  world: World;
  /** Wait for a server event (request logged, post change, WebSocket connect, outage). */
  waitFor(predicate: (event: ServerEvent) => boolean, timeoutMs?: number): Promise<ServerEvent>;
  /** Requests matching a filter (all by default). */
  requests(filter?: (e: RequestLogEntry) => boolean): RequestLogEntry[];
  /** A post as stored, deleted ones included. */
  post(postId: string): Post | undefined;
  /** Posts of a channel (not deleted), oldest first. */
  postsIn(channelId: string): Post[];
  /** Number of posts created in a channel (deleted included). */
  postCount(channelId: string): number;
  /** Number of updates of a post (one history row per PUT/patch, as Mattermost stores them). */
  editCount(postId: string): number;
  /** Distinct `edit_at` values a post went through after creation (excluding 0). */
  editAtChanges(postId: string): number;
  /** Mention checks of a post (create and each edit). */
  mentionsOf(postId: string): MentionRecord[];
  mentions(): MentionRecord[];
  /** Request body bytes received, optionally only for matching requests. */
  bytesReceived(filter?: (e: RequestLogEntry) => boolean): number;
  /** Authenticated WebSocket connections, optionally of one user. */
  wsConnections(userId?: string): number;
  installPlugin(
    source: string | Uint8Array,
    opts?: { enable?: boolean; force?: boolean },
  ): Promise<PluginManifest>;
  plugins: PluginStore;
}

const defaultTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export async function createServer(options: ServerOptions = {}): Promise<MmDevServer> {
  const clock = options.clock ?? systemClock;
  const timers = options.timers ?? defaultTimers;
  const world = new World(options.seed ?? defaultSeed(), clock);
  const log = new RequestLog();
  const auth = new Auth(world, options.strictCsrf ?? true);
  const hub = new WebSocketHub(world, auth, log);
  const posts = new Posts(world, (event) => {
    hub.publishPostEvent(event);
    log.emit({ kind: 'post', event });
  });
  for (const p of (options.seed ?? defaultSeed()).posts) posts.seed(p);
  const plugins = new PluginStore({
    enabled: options.plugins?.enabled ?? true,
    uploadsEnabled: options.plugins?.uploadsEnabled ?? true,
  });
  const services: Services = { world, auth, posts, plugins, hub };
  const router = new Router();
  router.add(
    ...userRoutes(services),
    ...channelRoutes(services),
    ...postRoutes(services),
    ...pluginRoutes(services),
  );

  const faultState = new FaultState(clock, options.random);
  let rateSettings: RateLimitSettings = { ...defaultRateLimitSettings, ...options.rateLimit };
  let limiter: RateLimiter | null = options.rateLimit?.enabled
    ? createRateLimiter(rateSettings, clock)
    : null;

  const handle = createPipeline({
    router,
    auth,
    log,
    faults: faultState,
    clock,
    sleep: (ms) => new Promise((resolve) => timers.setTimeout(resolve, ms)),
    rateLimit: () => (limiter ? { limiter, settings: rateSettings } : null),
  });
  const http: Server = createHttpServer((req, res) => {
    void handle(req, res);
  });
  http.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname === '/api/v4/websocket')
      hub.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  http.on('clientError', (_err, socket) => socket.destroy());

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, '127.0.0.1', () => {
        http.off('error', reject);
        const address = http.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      hub.terminateAll();
      http.close(() => resolve());
      http.closeAllConnections();
    });

  const port = await listen(options.port ?? 0);
  let down = false;
  let reopenTimer: unknown = null;

  const endOutage = async () => {
    if (reopenTimer !== null) timers.clearTimeout(reopenTimer);
    reopenTimer = null;
    if (!down) return;
    await listen(port);
    down = false;
    log.emit({ kind: 'outage', down: false });
  };

  const faults: Faults = {
    latency: (ms, match = {}) => {
      faultState.latencyMs = ms;
      faultState.latencyMatcher = match;
    },
    failNext: (count, status = 500, match = {}) =>
      faultState.errors.push(errorRule(status, { ...match, count })),
    failRate: (rate, status = 500, match = {}) =>
      faultState.errors.push(errorRule(status, { ...match, rate })),
    failWindow: (from, to, status = 503, match = {}) =>
      faultState.errors.push(errorRule(status, { ...match, window: { from, to } })),
    resetNext: (count, match = {}) => faultState.resets.push(resetRule({ ...match, count })),
    resetRate: (rate, match = {}) => faultState.resets.push(resetRule({ ...match, rate })),
    dropResponseNext: (count, match = {}) => faultState.drops.push(dropRule({ ...match, count })),
    outage: async (durationMs) => {
      if (!down) {
        down = true;
        await stop();
        log.emit({ kind: 'outage', down: true });
      }
      if (durationMs !== undefined) reopenTimer = timers.setTimeout(() => void endOutage(), durationMs);
    },
    endOutage,
    rateLimit: (on) => {
      if (on === false) {
        limiter = null;
        return;
      }
      rateSettings = { ...rateSettings, ...(on === true ? {} : on) };
      limiter = createRateLimiter(rateSettings, clock);
    },
    deletePost: (postId) => posts.remove(postId, world.users.values().next().value?.id ?? ''),
    clear: () => faultState.clear(),
  };

  const installPlugin = async (
    source: string | Uint8Array,
    opts: { enable?: boolean; force?: boolean } = {},
  ) => {
    const read = typeof source === 'string' ? await readPluginSource(source) : { archive: source };
    const manifest =
      'files' in read
        ? plugins.installFiles(read.files, opts.force ?? true)
        : plugins.installArchive(read.archive, opts.force ?? true);
    if (opts.enable ?? true) plugins.setEnabled(manifest.id, true);
    return manifest;
  };
  for (const item of options.plugins?.install ?? []) {
    const spec = typeof item === 'string' ? { path: item } : item;
    await installPlugin(spec.path, spec.enable === undefined ? {} : { enable: spec.enable });
  }

  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    close: async () => {
      if (reopenTimer !== null) timers.clearTimeout(reopenTimer);
      if (!down) await stop();
      await hub.close();
    },
    faults,
    log,
    world,
    waitFor: (predicate, timeoutMs) => log.waitFor(predicate, timeoutMs),
    requests: (filter = () => true) => log.entries.filter(filter),
    post: (id) => world.posts.get(id),
    postsIn: (channelId) =>
      [...world.posts.values()]
        .filter((p) => p.channel_id === channelId && p.delete_at === 0)
        .sort((a, b) => a.create_at - b.create_at),
    postCount: (channelId) => [...world.posts.values()].filter((p) => p.channel_id === channelId).length,
    editCount: (postId) => world.history.get(postId)?.length ?? 0,
    editAtChanges: (postId) => {
      const values = new Set<number>();
      for (const row of world.history.get(postId) ?? []) if (row.edit_at !== 0) values.add(row.edit_at);
      const current = world.posts.get(postId)?.edit_at ?? 0;
      if (current !== 0) values.add(current);
      return values.size;
    },
    mentionsOf: (postId) => world.mentions.filter((m) => m.postId === postId),
    mentions: () => [...world.mentions],
    bytesReceived: (filter = () => true) =>
      log.entries.filter(filter).reduce((n, e) => n + e.requestBytes, 0),
    wsConnections: (userId) => hub.connectionCount(userId),
    installPlugin,
    plugins,
  };
}
