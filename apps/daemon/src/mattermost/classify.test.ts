import { describe, expect, it } from 'vitest';
import { classifyNetworkError, classifyResponse } from './classify.ts';

const h = (o: Record<string, string>) => ({ get: (n: string) => o[n.toLowerCase()] ?? null });

describe('classify', () => {
  it('reads Retry-After, then X-RateLimit-Reset, on a 429', () => {
    expect(classifyResponse(429, h({ 'retry-after': '3' }), 'x')).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 3000,
    });
    expect(classifyResponse(429, h({ 'x-ratelimit-reset': '2' }), 'x').retryAfterMs).toBe(2000);
    expect(classifyResponse(429, h({}), 'x').retryAfterMs).toBe(1000);
  });
  it('treats a deleted post as gone, 5xx as retryable, other 4xx as fatal', () => {
    expect(classifyResponse(404, h({}), 'x').kind).toBe('gone');
    expect(classifyResponse(503, h({}), 'x')).toMatchObject({ kind: 'retryable', maybeDelivered: true });
    expect(classifyResponse(400, h({}), 'x').kind).toBe('fatal');
    expect(classifyResponse(403, h({}), 'x').kind).toBe('fatal');
  });
  it('treats a 403 on an edit of our own post as gone: Mattermost answers a deleted post that way', () => {
    expect(classifyResponse(403, h({}), 'PUT /posts/{id}/patch', { editOfOwnPost: true })).toMatchObject({
      kind: 'gone',
      status: 403,
    });
    expect(classifyResponse(404, h({}), 'x', { editOfOwnPost: true }).kind).toBe('gone');
    expect(classifyResponse(400, h({}), 'x', { editOfOwnPost: true }).kind).toBe('fatal');
  });
  it('knows a refused connection sent nothing but a reset may have', () => {
    expect(
      classifyNetworkError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'c').maybeDelivered,
    ).toBe(false);
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(classifyNetworkError(reset, 'c')).toMatchObject({ kind: 'retryable', maybeDelivered: true });
  });
});
