// The only code that talks HTTP to Mattermost: one undici Pool (keep-alive, ≤ 4 sockets) shared
// by every box — and by every bot when MM_ACCOUNT_TOKENS adds some (one server, one pool) —,
// bearer auth, JSON in and out. Failures are thrown as MattermostError carrying
// their classification; the token never appears in an error or a log line.
import { Pool } from 'undici';
import { classifyNetworkError, classifyResponse, MattermostError } from './classify.ts';

export interface MmPost {
  id: string;
  channel_id: string;
  root_id?: string;
  message: string;
  type?: string;
  props?: Record<string, unknown>;
  create_at?: number;
  update_at?: number;
  edit_at?: number;
  delete_at?: number;
}

export interface NewPost {
  channel_id: string;
  root_id?: string;
  message: string;
  type?: string;
  props: Record<string, unknown>;
}

export interface ClientOptions {
  url: string;
  token: string;
  /** Max sockets of the shared pool (design §6: ≤ 4). */
  connections?: number;
  /**
   * A pool shared with other bots' clients (from `createMattermostPool`); the client then does not
   * close it. Without it the client has a pool of its own and closes it.
   */
  pool?: Pool;
  timeoutMs?: number;
  /** Called after every request with its outcome, for metrics. */
  onRequest?: (info: { method: string; route: string; status?: number; ms: number }) => void;
}

export interface MattermostClient {
  getMe(): Promise<{ id: string; username: string }>;
  /** Ids of the active webapp plugins (no auth needed). */
  getWebappPluginIds(): Promise<string[]>;
  createPost(post: NewPost): Promise<MmPost>;
  /** Whole-props patch; `message` only when it changed (a message patch sets edit_at). */
  patchPost(id: string, patch: { message?: string; props: Record<string, unknown> }): Promise<MmPost>;
  getPostsSince(channelId: string, sinceMs: number): Promise<MmPost[]>;
  createDirectChannel(userIds: [string, string]): Promise<{ id: string }>;
  close(): Promise<void>;
}

export function createMattermostPool(url: string, connections = 4): Pool {
  return new Pool(new URL(url).origin, { connections, keepAliveTimeout: 30_000, pipelining: 1 });
}

export function createMattermostClient(opts: ClientOptions): MattermostClient {
  const base = new URL(opts.url);
  const prefix = base.pathname.replace(/\/+$/, '');
  const pool = opts.pool ?? createMattermostPool(opts.url, opts.connections);
  const timeout = opts.timeoutMs ?? 15_000;
  const auth = `Bearer ${opts.token}`;

  async function call<T>(
    method: 'GET' | 'POST' | 'PUT',
    route: string,
    path: string,
    body?: unknown,
    classify: { editOfOwnPost?: boolean } = {},
  ): Promise<T> {
    const what = `${method} ${route}`;
    const started = performance.now();
    let status: number | undefined;
    try {
      const res = await pool
        .request({
          method,
          path: `${prefix}/api/v4${path}`,
          headers: {
            authorization: auth,
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          headersTimeout: timeout,
          bodyTimeout: timeout,
        })
        .catch((err: unknown) => {
          throw new MattermostError(classifyNetworkError(err, what));
        });
      status = res.statusCode;
      const text = await res.body.text().catch((err: unknown) => {
        throw new MattermostError(classifyNetworkError(err, what));
      });
      if (res.statusCode < 200 || res.statusCode >= 300) {
        const h = res.headers;
        const get = (name: string) => {
          const v = h[name];
          return Array.isArray(v) ? v[0] : v;
        };
        throw new MattermostError(classifyResponse(res.statusCode, { get }, what, classify));
      }
      try {
        return (text ? JSON.parse(text) : {}) as T;
      } catch {
        throw new MattermostError({
          kind: 'retryable',
          status,
          maybeDelivered: true,
          message: `${what}: invalid JSON`,
        });
      }
    } finally {
      opts.onRequest?.({
        method,
        route,
        ...(status !== undefined ? { status } : {}),
        ms: performance.now() - started,
      });
    }
  }

  return {
    getMe: () => call('GET', '/users/me', '/users/me'),
    async getWebappPluginIds() {
      const list = await call<Array<{ id?: unknown }>>('GET', '/plugins/webapp', '/plugins/webapp');
      return Array.isArray(list) ? list.map((p) => String(p.id)) : [];
    },
    createPost: (post) => call('POST', '/posts', '/posts?set_online=false', post),
    patchPost: (id, patch) =>
      call('PUT', '/posts/{id}/patch', `/posts/${encodeURIComponent(id)}/patch`, patch, {
        editOfOwnPost: true,
      }),
    async getPostsSince(channelId, sinceMs) {
      const r = await call<{ order?: string[]; posts?: Record<string, MmPost> }>(
        'GET',
        '/channels/{id}/posts',
        `/channels/${encodeURIComponent(channelId)}/posts?since=${Math.max(0, Math.floor(sinceMs))}`,
      );
      return Object.values(r.posts ?? {});
    },
    createDirectChannel: (ids) => call('POST', '/channels/direct', '/channels/direct', ids),
    close: () => (opts.pool ? Promise.resolve() : pool.close()),
  };
}
