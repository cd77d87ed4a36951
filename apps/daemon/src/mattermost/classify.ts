// Every failed Mattermost request is classified here, once, so the rest of the daemon only
// decides on four kinds: retry later, wait out a rate limit, stop touching this post, or give up.

export type FailureKind = 'retryable' | 'rate-limited' | 'gone' | 'fatal';

export interface Failure {
  kind: FailureKind;
  /** HTTP status, or undefined for network-level failures. */
  status?: number;
  /** For rate-limited: how long nothing may be sent. */
  retryAfterMs?: number;
  /** The request may have reached the server (a create may have happened). */
  maybeDelivered: boolean;
  /** Short, secret-free description for logs and /health. */
  message: string;
}

/** Network errors that prove the request never left (nothing could have been created). */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function headerSeconds(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

export function classifyResponse(
  status: number,
  headers: { get(name: string): string | null | undefined },
  what: string,
  /**
   * The request edits a post the daemon created. Mattermost's api4 answers an edit (PUT, PATCH,
   * DELETE) of a missing or deleted post with 403 `api.context.permissions.app_error`, not 404
   * (it sets a permission error when it cannot load the post); only GET /posts/{id} says 404.
   * So on an edit a 403 means "the post is gone" — or, rarely, that the bot lost the right to
   * edit it; either way that post must not be touched again.
   */
  opts: { editOfOwnPost?: boolean } = {},
): Failure {
  if (status === 429) {
    const seconds =
      headerSeconds(headers.get('retry-after')) ?? headerSeconds(headers.get('x-ratelimit-reset'));
    return {
      kind: 'rate-limited',
      status,
      retryAfterMs: Math.max(1000, Math.ceil((seconds ?? 1) * 1000)),
      maybeDelivered: false,
      message: `${what}: 429 rate limited`,
    };
  }
  if (status === 404 || status === 410)
    return { kind: 'gone', status, maybeDelivered: false, message: `${what}: ${status} not found` };
  if (status === 403 && opts.editOfOwnPost)
    return {
      kind: 'gone',
      status,
      maybeDelivered: false,
      message: `${what}: 403 refused (post deleted, or the bot may no longer edit it)`,
    };
  if (status >= 500 || status === 408) {
    // A 5xx may come after the server stored the post (e.g. a proxy timeout).
    return { kind: 'retryable', status, maybeDelivered: true, message: `${what}: ${status} server error` };
  }
  return { kind: 'fatal', status, maybeDelivered: false, message: `${what}: ${status} refused` };
}

export function classifyNetworkError(err: unknown, what: string): Failure {
  const code = errorCode(err);
  return {
    kind: 'retryable',
    maybeDelivered: !NOT_SENT_CODES.has(code),
    message: `${what}: network error ${code}`,
  };
}

function errorCode(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return err instanceof Error ? err.name : 'unknown';
}

/** A thrown failure carries its classification; the token is never part of it. */
export class MattermostError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
    this.name = 'MattermostError';
  }
}
