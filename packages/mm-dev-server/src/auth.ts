// Who a request is: Mattermost's token lookup order (cookie, then `Authorization: Bearer|Token`, then
// `access_token` query) and its CSRF rule for cookie sessions on non-GET requests.
import { AppError, errors } from './app-error.ts';
import { newId } from './ids.ts';
import type { UserRecord, World } from './world.ts';

export type TokenLocation = 'cookie' | 'header' | 'query' | 'none';

export interface Session {
  token: string;
  userId: string;
  csrf: string;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

export function tokenFromRequest(
  headers: { authorization?: string | undefined; cookie?: string | undefined },
  query: URLSearchParams,
): { token: string; location: TokenLocation } {
  const cookie = parseCookies(headers.cookie).get('MMAUTHTOKEN');
  if (cookie) return { token: cookie, location: 'cookie' };
  const auth = headers.authorization ?? '';
  if (auth.length > 6 && auth.slice(0, 6).toUpperCase() === 'BEARER')
    return { token: auth.slice(7), location: 'header' };
  if (auth.length > 5 && auth.slice(0, 5).toLowerCase() === 'token')
    return { token: auth.slice(6), location: 'header' };
  const q = query.get('access_token');
  if (q) return { token: q, location: 'query' };
  return { token: '', location: 'none' };
}

export class Auth {
  readonly #world: World;
  readonly #sessions = new Map<string, Session>();
  /** Mattermost's ExperimentalStrictCSRFEnforcement: when false, `X-Requested-With` alone passes. */
  strictCsrf: boolean;

  constructor(world: World, strictCsrf: boolean) {
    this.#world = world;
    this.strictCsrf = strictCsrf;
  }

  /** The user a token belongs to: a bot/personal access token or a login session. */
  userForToken(token: string): UserRecord | undefined {
    const id = this.#world.tokens.get(token) ?? this.#sessions.get(token)?.userId;
    return id === undefined ? undefined : this.#world.users.get(id);
  }

  login(loginId: string, password: string): { user: UserRecord; session: Session } {
    const user = this.#world.userByName(loginId);
    if (!user || user.password === undefined || user.password !== password)
      throw new AppError(
        401,
        'api.user.login.invalid_credentials_email_username',
        'Enter a valid email or username and/or password.',
      );
    const session: Session = { token: newId(), userId: user.id, csrf: newId() };
    this.#sessions.set(session.token, session);
    return { user, session };
  }

  logout(token: string): void {
    this.#sessions.delete(token);
  }

  /**
   * Authenticates a request. Returns the user, or throws the 401 Mattermost answers; secrets are never
   * echoed (Mattermost itself puts the token in `detailed_error`; we do not).
   */
  authenticate(req: {
    method: string;
    headers: {
      authorization?: string;
      cookie?: string;
      'x-csrf-token'?: string;
      'x-requested-with'?: string;
    };
    query: URLSearchParams;
  }): UserRecord {
    const { token, location } = tokenFromRequest(req.headers, req.query);
    if (!token) throw errors.sessionExpired('token not found');
    const user = this.userForToken(token);
    if (!user) throw errors.sessionExpired('unknown or expired token');
    if (location === 'query') throw errors.sessionExpired('token in query string is not accepted');
    if (location === 'cookie' && req.method !== 'GET') {
      const session = this.#sessions.get(token);
      const csrfOk =
        (session !== undefined && req.headers['x-csrf-token'] === session.csrf) ||
        (!this.strictCsrf && req.headers['x-requested-with'] === 'XMLHttpRequest');
      if (!csrfOk) throw errors.sessionExpired('Appears to be a CSRF attempt');
    }
    return user;
  }
}
