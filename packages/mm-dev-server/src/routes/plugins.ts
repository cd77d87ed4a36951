import { AppError, errors } from '../app-error.ts';
import type { Route, RouteContext } from '../router.ts';
import type { Services } from '../services.ts';

function requireAdmin(ctx: RouteContext, permission: string): void {
  if (!ctx.user.isAdmin) throw errors.permission(permission, ctx.user.id);
}

function requirePlugins(enabled: boolean, where: string): void {
  if (!enabled)
    throw errors.notImplemented(`app.plugin.disabled.app_error`, `Plugins have been disabled. (${where})`);
}

export function pluginRoutes({ plugins, hub }: Services): Route[] {
  const announce = (id: string, enabled: boolean) => {
    hub.broadcast(enabled ? 'plugin_enabled' : 'plugin_disabled', { manifest: plugins.clientManifest(id) });
    hub.broadcast('plugin_statuses_changed', { plugin_statuses: plugins.statuses() });
  };
  return [
    {
      method: 'GET',
      pattern: '/api/v4/plugins/webapp',
      auth: false,
      handle: () => {
        requirePlugins(plugins.enabled, 'getWebappPlugins');
        return { json: plugins.webappManifests() };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v4/plugins/statuses',
      auth: true,
      handle: (ctx) => {
        requirePlugins(plugins.enabled, 'getPluginStatuses');
        requireAdmin(ctx, 'sysconsole_read_plugins');
        return { json: plugins.statuses() };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v4/plugins',
      auth: true,
      handle: (ctx) => {
        requirePlugins(plugins.enabled, 'getPlugins');
        requireAdmin(ctx, 'sysconsole_read_plugins');
        return { json: plugins.list() };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v4/plugins',
      auth: true,
      json: false,
      handle: async (ctx) => {
        if (!plugins.enabled || !plugins.uploadsEnabled)
          throw new AppError(
            501,
            'app.plugin.upload_disabled.app_error',
            'Plugins and/or plugin uploads have been disabled.',
          );
        requireAdmin(ctx, 'sysconsole_write_plugins');
        let form: FormData;
        try {
          form = await new Request('http://127.0.0.1/', {
            method: 'POST',
            headers: { 'content-type': String(ctx.headers['content-type'] ?? '') },
            body: new Uint8Array(ctx.rawBody),
          }).formData();
        } catch (err) {
          throw new AppError(
            400,
            'api.plugin.upload.array.app_error',
            'File array is empty in multipart/form request.',
            String(err),
          );
        }
        const file = form.get('plugin');
        if (!(file instanceof Blob))
          throw new AppError(
            400,
            'api.plugin.upload.array.app_error',
            'File array is empty in multipart/form request.',
          );
        const force = form.get('force') === 'true';
        const manifest = plugins.installArchive(new Uint8Array(await file.arrayBuffer()), force);
        return { status: 201, json: manifest };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v4/plugins/:plugin_id/enable',
      auth: true,
      handle: (ctx) => {
        requirePlugins(plugins.enabled, 'enablePlugin');
        requireAdmin(ctx, 'sysconsole_write_plugins');
        const id = ctx.params.plugin_id ?? '';
        plugins.setEnabled(id, true);
        announce(id, true);
        return { json: { status: 'OK' } };
      },
    },
    {
      method: 'POST',
      pattern: '/api/v4/plugins/:plugin_id/disable',
      auth: true,
      handle: (ctx) => {
        requirePlugins(plugins.enabled, 'disablePlugin');
        requireAdmin(ctx, 'sysconsole_write_plugins');
        const id = ctx.params.plugin_id ?? '';
        plugins.setEnabled(id, false);
        announce(id, false);
        return { json: { status: 'OK' } };
      },
    },
    {
      method: 'GET',
      pattern: '/static/plugins/:plugin_id/:file',
      auth: false,
      handle: ({ params }) => {
        const bundle = plugins.bundleFile(params.plugin_id ?? '', params.file ?? '');
        if (!bundle) return { status: 404, text: '404 page not found\n' };
        return {
          bytes: bundle,
          headers: {
            'Content-Type': 'application/javascript; charset=utf-8',
            'Cache-Control': 'max-age=31556926, public',
          },
        };
      },
    },
  ];
}
