// Fills the session list after a page load, when no WebSocket event has arrived yet: for the
// user's channels with recent posts, fetch the posts changed since then and keep the status
// posts. Bounded in channels, concurrency and time window so a big workspace stays cheap.
import type { Api } from '../client/api.ts';
import { recentlyActiveChannels } from '../host/state.ts';
import type { HostPost } from '../host/types.ts';

export const HYDRATE_WINDOW_MS = 2 * 60 * 60_000;
export const HYDRATE_MAX_CHANNELS = 25;
const CONCURRENCY = 4;

export interface HydrateResult {
  channels: number;
  posts: HostPost[];
  failures: number;
}

export async function hydrate(
  hostState: unknown,
  api: Pick<Api, 'getPostsSince'>,
  now: number,
  onPosts: (posts: HostPost[]) => void,
): Promise<HydrateResult> {
  const since = now - HYDRATE_WINDOW_MS;
  const channels = recentlyActiveChannels(hostState, since, HYDRATE_MAX_CHANNELS);
  const result: HydrateResult = { channels: channels.length, posts: [], failures: 0 };
  const queue = [...channels];
  async function worker(): Promise<void> {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        const posts = await api.getPostsSince(id, since);
        result.posts.push(...posts);
        onPosts(posts);
      } catch {
        result.failures += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return result;
}
