// One HTTP request, start to end: body, rate limit, injected faults, auth, route, answer, log entry.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, errors } from './app-error.ts';
import { type Auth, tokenFromRequest } from './auth.ts';
import type { Clock } from './clock.ts';
import type { FaultState } from './faults.ts';
import { newId } from './ids.ts';
import { type RateLimiter, type RateLimitSettings, rateLimitKey } from './rate-limiter.ts';
import type { RequestLog, RequestLogEntry } from './request-log.ts';
import type { RouteResult, Router } from './router.ts';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface PipelineDeps {
  router: Router;
  auth: Auth;
  log: RequestLog;
  faults: FaultState;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  rateLimit: () => { limiter: RateLimiter; settings: RateLimitSettings } | null;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AppError(413, 'api.context.request_body_too_large.app_error', 'Request body too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

export function createPipeline(deps: PipelineDeps) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const startedAt = deps.clock.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    let principal: string | null = null;
    let fault: RequestLogEntry['fault'] = null;
    let requestBytes = 0;

    const finish = (status: number, responseBytes: number) => {
      deps.log.add({
        method,
        path,
        query: url.search,
        status,
        startedAt,
        durationMs: performance.now() - started,
        requestBytes,
        responseBytes,
        principal,
        fault,
      });
    };

    const send = (result: RouteResult) => {
      const status = result.status ?? 200;
      let body: Buffer;
      const headers: Record<string, string | string[]> = { ...result.headers };
      if (result.bytes) body = result.bytes;
      else if (result.text !== undefined) {
        body = Buffer.from(result.text);
        headers['Content-Type'] ??= 'text/plain; charset=utf-8';
      } else {
        body = Buffer.from(JSON.stringify(result.json ?? null));
        headers['Content-Type'] ??= 'application/json';
      }
      headers['X-Request-Id'] = newId();
      headers['X-Version-Id'] = '11.9.0.dev.mm-dev-server';
      headers['Content-Length'] = String(body.length);
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.writeHead(status);
      res.end(body);
      finish(status, body.length);
    };

    const sendError = (err: unknown) => {
      const appError =
        err instanceof AppError
          ? err
          : new AppError(500, 'mm-dev-server.internal_error', 'Internal server error.');
      send({ status: appError.status, json: appError.toBody() });
    };

    try {
      const raw = await readBody(req);
      requestBytes = raw.length;
      const { token } = tokenFromRequest(
        { authorization: req.headers.authorization, cookie: req.headers.cookie },
        url.searchParams,
      );
      principal = (token && deps.auth.userForToken(token)?.username) || null;

      const rl = path.startsWith('/api/v4/') ? deps.rateLimit() : null;
      if (rl) {
        const key = rateLimitKey(rl.settings, {
          token: token || undefined,
          remoteAddr: req.socket.remoteAddress ?? '',
          header: (name) => header(req, name),
        });
        const verdict = rl.limiter.take(key);
        for (const [k, v] of Object.entries(verdict.headers)) res.setHeader(k, v);
        if (verdict.limited) {
          fault = 'rate_limited';
          res.setHeader('X-Content-Type-Options', 'nosniff');
          send({ status: 429, text: 'limit exceeded\n' });
          return;
        }
      }

      const verdict = deps.faults.decide(method, path);
      if (verdict.kind === 'reset') {
        fault = 'reset';
        req.socket.destroy();
        finish(0, 0);
        return;
      }
      const latency = deps.faults.latencyFor(method, path);
      if (latency > 0) await deps.sleep(latency);
      if (verdict.kind === 'error') {
        fault = 'error';
        send({
          status: verdict.status,
          json: new AppError(verdict.status, 'mm-dev-server.injected_fault', 'Injected fault.').toBody(),
        });
        return;
      }

      // Decided before the route runs (it may be slow); acted on after it ran.
      const dropAnswer = deps.faults.takeDrop(method, path);
      const match = deps.router.match(method, path);
      if (match === undefined) {
        send({
          status: 404,
          json: errors.notFound('api.context.404.app_error', 'Sorry, we could not find the page.').toBody(),
        });
        return;
      }
      if (match === 'method') {
        send({ status: 405, text: '' });
        return;
      }
      const { route, params } = match;
      let body: unknown;
      if (route.json !== false && raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          throw errors.invalidParam('body', 'invalid JSON');
        }
      }
      const user = route.auth
        ? deps.auth.authenticate({
            method,
            headers: {
              authorization: header(req, 'authorization'),
              cookie: header(req, 'cookie'),
              'x-csrf-token': header(req, 'x-csrf-token'),
              'x-requested-with': header(req, 'x-requested-with'),
            } as Parameters<Auth['authenticate']>[0]['headers'],
            query: url.searchParams,
          })
        : undefined;
      if (user) principal = user.username;
      const result = await route.handle({
        method,
        path,
        query: url.searchParams,
        params,
        headers: req.headers,
        rawBody: raw,
        body,
        // Routes that declare auth: false never read `user`.
        user: user as NonNullable<typeof user>,
      });
      if (dropAnswer) {
        // Done (stored, broadcast), but the client never hears: the socket dies unanswered.
        fault = 'dropped';
        req.socket.destroy();
        finish(result.status ?? 200, 0);
        return;
      }
      send(result);
    } catch (err) {
      if (!res.headersSent && !res.destroyed) sendError(err);
    }
  };
}
