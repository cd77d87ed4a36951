import type { Auth } from './auth.ts';
import type { PluginStore } from './plugins.ts';
import type { Posts } from './posts.ts';
import type { WebSocketHub } from './websocket-hub.ts';
import type { World } from './world.ts';

/** What the route modules work with. */
export interface Services {
  world: World;
  auth: Auth;
  posts: Posts;
  plugins: PluginStore;
  hub: WebSocketHub;
}
