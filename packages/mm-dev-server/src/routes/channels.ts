import { errors } from '../app-error.ts';
import { newId } from '../ids.ts';
import type { Route } from '../router.ts';
import type { Services } from '../services.ts';

export function channelRoutes({ world }: Services): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/v4/channels/direct',
      auth: true,
      handle: ({ body, user }) => {
        if (!Array.isArray(body) || body.length !== 2 || !body.every((v) => typeof v === 'string'))
          throw errors.invalidParam('user_ids');
        const ids = [...(body as string[])].sort();
        if (!ids.includes(user.id) && !user.isAdmin)
          throw errors.permission('create_direct_channel', user.id);
        for (const id of ids)
          if (!world.users.has(id)) throw errors.invalidParam('user_ids', `user ${id} does not exist`);
        const name = `${ids[0]}__${ids[1]}`;
        let channel = [...world.channels.values()].find((c) => c.type === 'D' && c.name === name);
        if (!channel) {
          const now = world.clock.now();
          channel = {
            id: newId(),
            teamId: '',
            type: 'D',
            name,
            displayName: '',
            createAt: now,
            updateAt: now,
            lastPostAt: 0,
            lastRootPostAt: 0,
            creatorId: user.id,
            members: new Set(ids),
          };
          world.channels.set(channel.id, channel);
        }
        return { status: 201, json: world.channelJson(channel) };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v4/channels/:channel_id',
      auth: true,
      handle: ({ params, user }) => {
        const channel = world.channels.get(params.channel_id ?? '');
        if (!channel)
          throw errors.notFound('app.channel.get.existing.app_error', 'Unable to find the existing channel.');
        if (!channel.members.has(user.id) && !user.isAdmin && channel.type !== 'O')
          throw errors.permission('read_channel', user.id);
        return { json: world.channelJson(channel) };
      },
    },
  ];
}
