import { errors } from '../app-error.ts';
import type { Route } from '../router.ts';
import type { Services } from '../services.ts';

// strconv.ParseBool, as createPost reads `set_online` (anything unparsable means true).
function parseBool(v: string | null, fallback: boolean): boolean {
  if (v === null || v === '') return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return fallback;
}

function intParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw errors.invalidUrlParam(name);
  return Math.min(n, max);
}

export function postRoutes({ posts }: Services): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v4/posts',
      auth: true,
      handle: ({ body, user, query }) => ({
        status: 201,
        json: posts.create(user, body, parseBool(query.get('set_online'), true)),
      }),
    },
    {
      method: 'GET',
      pattern: '/api/v4/posts/:post_id',
      auth: true,
      handle: ({ params, user }) => ({ json: posts.get(user, params.post_id ?? '') }),
    },
    {
      method: 'PUT',
      pattern: '/api/v4/posts/:post_id',
      auth: true,
      handle: ({ params, user, body }) => ({ json: posts.update(user, params.post_id ?? '', body) }),
    },
    {
      method: 'PUT',
      pattern: '/api/v4/posts/:post_id/patch',
      auth: true,
      handle: ({ params, user, body }) => ({ json: posts.patch(user, params.post_id ?? '', body) }),
    },
    {
      method: 'DELETE',
      pattern: '/api/v4/posts/:post_id',
      auth: true,
      handle: ({ params, user }) => {
        posts.delete(user, params.post_id ?? '');
        return { json: { status: 'OK' } };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v4/channels/:channel_id/posts',
      auth: true,
      handle: ({ params, user, query }) => {
        const channelId = params.channel_id ?? '';
        const since = intParam(query, 'since', 0);
        if (since > 0) return { json: posts.since(user, channelId, since) };
        const page = intParam(query, 'page', 0);
        const perPage = intParam(query, 'per_page', 60, 200);
        return { json: posts.page(user, channelId, page, perPage) };
      },
    },
  ];
}
