// Plugin entry: registers everything in `initialize` and removes it in `uninitialize`
// (Mattermost leaves the cleanup of registered components to the plugin).

import { createFloatingWidget } from './components/floating_widget/index.tsx';
import { APP_BAR_ICON_URL, TerminalIcon } from './components/icons.tsx';
import { createSessionsPanel } from './components/sessions_panel/index.tsx';
import { createStatusPost } from './components/status_post/StatusPost.tsx';
import type { ClientPlugin, HostStore, PluginRegistry } from './host/types.ts';
import { PLUGIN_ID, POST_TYPE } from './manifest.ts';
import { browserEnv, createRuntime, type Runtime } from './plugin/runtime.ts';

const POST_EVENTS = ['posted', 'post_edited'] as const;

export class LiveStatusPlugin implements ClientPlugin {
  private registry?: PluginRegistry;
  private runtime?: Runtime;
  private componentIds: string[] = [];
  private postTypeIds: string[] = [];

  initialize(registry: PluginRegistry, store: HostStore): void {
    const rt = createRuntime(store, browserEnv());
    this.registry = registry;
    this.runtime = rt;

    this.postTypeIds.push(registry.registerPostTypeComponent(POST_TYPE, createStatusPost(rt)));

    const rhs = registry.registerRightHandSidebarComponent(createSessionsPanel(rt), 'Agent sessions');
    const toggleRhs = () => store.dispatch(rhs.toggleRHSPlugin);
    this.componentIds.push(
      rhs.id,
      registry.registerAppBarComponent(APP_BAR_ICON_URL, toggleRhs, 'Agent sessions'),
      registry.registerChannelHeaderButtonAction(
        <TerminalIcon />,
        toggleRhs,
        'Agent sessions',
        'Agent sessions',
      ),
      registry.registerRootComponent(createFloatingWidget({ ...rt, storage: window.localStorage })),
    );

    for (const event of POST_EVENTS) registry.registerWebSocketEventHandler(event, rt.onPostEvent);
    registry.registerWebSocketEventHandler('post_deleted', rt.onPostDeleted);
    registry.registerReconnectHandler?.(() => rt.hydrate(true));
    rt.hydrate();
  }

  uninitialize(): void {
    const registry = this.registry;
    if (registry) {
      for (const id of this.postTypeIds) registry.unregisterPostTypeComponent(id);
      for (const id of this.componentIds) registry.unregisterComponent(id);
      for (const event of [...POST_EVENTS, 'post_deleted']) registry.unregisterWebSocketEventHandler(event);
      registry.unregisterReconnectHandler?.();
    }
    this.runtime?.dispose();
    this.runtime = undefined;
    this.registry = undefined;
    this.componentIds = [];
    this.postTypeIds = [];
  }
}

window.registerPlugin?.(PLUGIN_ID, new LiveStatusPlugin());
