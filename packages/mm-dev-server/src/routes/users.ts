import { errors } from '../app-error.ts';
import type { Route } from '../router.ts';
import type { Services } from '../services.ts';

const OK = { json: { status: 'OK' } };

export function userRoutes({ world, auth, hub }: Services): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v4/users/login',
      auth: false,
      handle: ({ body }) => {
        const b = (body ?? {}) as { login_id?: unknown; password?: unknown };
        if (typeof b.login_id !== 'string' || typeof b.password !== 'string')
          throw errors.invalidParam('login_id');
        const { user, session } = auth.login(b.login_id, b.password);
        return {
          json: world.userJson(user, user),
          headers: {
            Token: session.token,
            'Set-Cookie': [
              `MMAUTHTOKEN=${session.token}; Path=/; HttpOnly; SameSite=Lax`,
              `MMUSERID=${user.id}; Path=/; SameSite=Lax`,
              `MMCSRF=${session.csrf}; Path=/; SameSite=Lax`,
            ],
          },
        };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v4/users/logout',
      auth: false,
      handle: ({ headers }) => {
        const token = /MMAUTHTOKEN=([^;]+)/.exec(headers.cookie ?? '')?.[1];
        if (token) auth.logout(token);
        return {
          ...OK,
          headers: {
            'Set-Cookie': [
              'MMAUTHTOKEN=; Path=/; Max-Age=0',
              'MMUSERID=; Path=/; Max-Age=0',
              'MMCSRF=; Path=/; Max-Age=0',
            ],
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v4/users/me',
      auth: true,
      handle: ({ user }) => ({ json: world.userJson(user, user) }),
    },
    {
      method: 'GET',
      pattern: '/api/v4/users/me/teams',
      auth: true,
      handle: () => ({ json: [world.teamJson()] }),
    },
    {
      method: 'POST',
      pattern: '/api/v4/users/ids',
      auth: true,
      handle: ({ body, user }) => {
        if (!Array.isArray(body) || !body.every((v) => typeof v === 'string'))
          throw errors.invalidParam('user_ids');
        const found = body.map((id) => world.users.get(id)).filter((u) => u !== undefined);
        return { json: found.map((u) => world.userJson(u, user)) };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v4/users/:user_id',
      auth: true,
      handle: ({ params, user }) => {
        const target = world.users.get(params.user_id ?? '');
        if (!target) throw errors.notFound('app.user.missing_account.const', 'Unable to find the user.');
        return { json: world.userJson(target, user) };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v4/users/:user_id/typing',
      auth: true,
      handle: ({ params, body, user }) => {
        if (params.user_id !== 'me' && params.user_id !== user.id)
          throw errors.permission('edit_other_users', user.id);
        const b = (body ?? {}) as { channel_id?: unknown; parent_id?: unknown };
        if (typeof b.channel_id !== 'string' || !world.isMember(b.channel_id, user.id))
          throw errors.invalidParam('channel_id');
        hub.broadcast(
          'typing',
          { parent_id: typeof b.parent_id === 'string' ? b.parent_id : '', user_id: user.id },
          {
            channel_id: b.channel_id,
            omit_users: { [user.id]: true },
          },
        );
        return OK;
      },
    },
    {
      method: 'GET',
      pattern: '/api/v4/users/:user_id/teams/:team_id/channels',
      auth: true,
      handle: ({ params, user }) => {
        const userId = params.user_id === 'me' ? user.id : (params.user_id ?? '');
        if (userId !== user.id && !user.isAdmin) throw errors.permission('edit_other_users', user.id);
        if (params.team_id !== world.team.id)
          throw errors.notFound('app.team.get.find.app_error', 'Unable to find the existing team.');
        return {
          json: world
            .channelsOf(userId)
            .filter((c) => c.teamId === world.team.id || c.type === 'D')
            .map((c) => world.channelJson(c)),
        };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v4/system/ping',
      auth: false,
      handle: () => ({ json: { status: 'OK', ActiveSearchBackend: 'database' } }),
    },
  ];
}
