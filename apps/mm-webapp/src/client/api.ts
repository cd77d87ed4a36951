// The two REST calls the plugin makes from the browser, the way Mattermost's Client4 makes them:
// session cookie, `X-Requested-With`, and the `MMCSRF` cookie echoed as `X-CSRF-Token` on
// non-GET requests. Responses are validated: a malformed body is an error, never a crash later.
import { asHostPost } from '../host/state.ts';
import type { HostPost } from '../host/types.ts';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface Api {
  getUsersByIds(ids: string[]): Promise<unknown[]>;
  getPostsSince(channelId: string, since: number): Promise<HostPost[]>;
}

export function csrfFromCookie(cookie: string): string | undefined {
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === 'MMCSRF') return v.join('=');
  }
  return undefined;
}

export function createApi(opts: { baseUrl: () => string; fetch: Fetch; cookie: () => string }): Api {
  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest' };
    if (method !== 'GET') {
      const csrf = csrfFromCookie(opts.cookie());
      if (csrf) headers['X-CSRF-Token'] = csrf;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await opts.fetch(`${opts.baseUrl()}/api/v4${path}`, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return res.json();
  }

  return {
    async getUsersByIds(ids) {
      const users = await call('POST', '/users/ids', ids);
      if (!Array.isArray(users)) throw new Error('POST /users/ids: expected an array');
      return users.filter(
        (u): u is Record<string, unknown> =>
          typeof u === 'object' && u !== null && typeof (u as { id?: unknown }).id === 'string',
      );
    },
    async getPostsSince(channelId, since) {
      const q = `?since=${Math.max(0, Math.floor(since))}&skipFetchThreads=true`;
      const list = await call('GET', `/channels/${encodeURIComponent(channelId)}/posts${q}`);
      const posts = (list as { posts?: unknown } | null)?.posts;
      if (typeof posts !== 'object' || posts === null) throw new Error('posts since: no posts map');
      const out: HostPost[] = [];
      for (const raw of Object.values(posts)) {
        const post = asHostPost(raw);
        if (post) out.push(post);
      }
      return out;
    },
  };
}
