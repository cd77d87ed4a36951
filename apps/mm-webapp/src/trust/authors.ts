// Loads missing author profiles so the trust decision can be made. Many status posts share one
// bot author, so requests are de-duplicated and batched into one `POST /api/v4/users/ids`; the
// profiles go into the host store (mattermost-redux's RECEIVED_PROFILES_LIST), where the webapp
// itself would put them, so every reader sees one truth.
import type { HostStore } from '../host/types.ts';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AuthorLoaderDeps {
  fetchUsersByIds(ids: string[]): Promise<unknown[]>;
  store: Pick<HostStore, 'dispatch'>;
  hasProfile(userId: string): boolean;
  timers: Timers;
  now(): number;
  /** How long requests gather before one batch goes out. */
  batchMs?: number;
  /** After a failed fetch, an id is not asked for again before this. */
  retryMs?: number;
}

export interface AuthorLoader {
  request(userId: string): void;
  dispose(): void;
}

export const RECEIVED_PROFILES_LIST = 'RECEIVED_PROFILES_LIST';
const MAX_IDS_PER_REQUEST = 100;

export function createAuthorLoader(deps: AuthorLoaderDeps): AuthorLoader {
  const batchMs = deps.batchMs ?? 20;
  const retryMs = deps.retryMs ?? 30_000;
  const queued = new Set<string>();
  const inFlight = new Set<string>();
  const failedAt = new Map<string, number>();
  let timer: unknown;
  let disposed = false;

  async function flush(): Promise<void> {
    timer = undefined;
    const ids = [...queued].slice(0, MAX_IDS_PER_REQUEST);
    for (const id of ids) {
      queued.delete(id);
      inFlight.add(id);
    }
    if (queued.size > 0) timer = deps.timers.setTimeout(() => void flush(), batchMs);
    try {
      const users = await deps.fetchUsersByIds(ids);
      if (!disposed) deps.store.dispatch({ type: RECEIVED_PROFILES_LIST, data: users });
    } catch {
      const t = deps.now();
      for (const id of ids) failedAt.set(id, t);
    } finally {
      for (const id of ids) inFlight.delete(id);
    }
  }

  return {
    request(userId) {
      if (disposed || !userId || deps.hasProfile(userId)) return;
      if (queued.has(userId) || inFlight.has(userId)) return;
      const failed = failedAt.get(userId);
      if (failed !== undefined && deps.now() - failed < retryMs) return;
      queued.add(userId);
      if (timer === undefined) timer = deps.timers.setTimeout(() => void flush(), batchMs);
    },
    dispose() {
      disposed = true;
      if (timer !== undefined) deps.timers.clearTimeout(timer);
      timer = undefined;
      queued.clear();
    },
  };
}
