// A tiny method + path-pattern router: `/api/v4/posts/:post_id/patch`.
import type { IncomingHttpHeaders } from 'node:http';
import type { UserRecord } from './world.ts';

export interface RouteContext {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** The JSON body (undefined when empty); a malformed body is answered 400 before a JSON route runs. */
  body: unknown;
  /** Set for routes that require a session. */
  user: UserRecord;
}

export interface RouteResult {
  status?: number;
  json?: unknown;
  text?: string;
  bytes?: Buffer;
  headers?: Record<string, string | string[]>;
}

export interface Route {
  method: string;
  pattern: string;
  /** false: no session needed (ping, webapp plugins, login, static bundles). */
  auth: boolean;
  /** false: the body is not JSON (multipart uploads). */
  json?: boolean;
  handle: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
}

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
}

export class Router {
  readonly #routes: Compiled[] = [];

  add(...routes: Route[]): void {
    for (const route of routes) {
      const names: string[] = [];
      const source = route.pattern.replace(/:([a-z_]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      this.#routes.push({ route, regex: new RegExp(`^${source}$`), names });
    }
  }

  /** The matching route, `'method'` when only the method is wrong, or undefined. */
  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | 'method' | undefined {
    let pathMatched = false;
    for (const { route, regex, names } of this.#routes) {
      const m = regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { route, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}
