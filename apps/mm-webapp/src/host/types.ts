// The slice of Mattermost's webapp that a plugin sees (reference/mattermost.md §3–4). Host data
// is read defensively: posts and users arrive from the server and from other clients.
import type { ComponentType, ReactNode } from 'react';

/** A post as the webapp store and WebSocket events carry it (only the fields we read). */
export interface HostPost {
  id: string;
  user_id: string;
  channel_id: string;
  root_id?: string;
  type?: string;
  message?: string;
  props?: Record<string, unknown> | null;
  create_at?: number;
  update_at?: number;
  edit_at?: number;
  delete_at?: number;
}

/** Mattermost's theme object (camelCase colour keys), as given to post type components. */
export type HostTheme = Record<string, string | undefined>;

export interface PostTypeProps {
  post: HostPost;
  theme?: HostTheme;
  isRHS?: boolean;
  compactDisplay?: boolean;
}

export interface HostAction {
  type: string;
  [key: string]: unknown;
}

export interface HostStore {
  getState(): unknown;
  dispatch(action: HostAction | unknown): unknown;
  subscribe(listener: () => void): () => void;
}

export interface WebSocketMessage {
  event: string;
  data?: Record<string, unknown>;
  broadcast?: Record<string, unknown>;
  seq?: number;
}

export interface RhsRegistration {
  id: string;
  showRHSPlugin: unknown;
  hideRHSPlugin: unknown;
  toggleRHSPlugin: unknown;
}

/** The registry methods this plugin uses (webapp/channels/src/plugins/registry.ts). */
export interface PluginRegistry {
  registerPostTypeComponent(type: string, component: ComponentType<PostTypeProps>): string;
  registerRootComponent(component: ComponentType): string;
  registerRightHandSidebarComponent(component: ComponentType, title: ReactNode): RhsRegistration;
  registerAppBarComponent(iconUrl: string, action: () => void, tooltipText: ReactNode): string;
  registerChannelHeaderButtonAction(
    icon: ReactNode,
    action: () => void,
    dropdownText: ReactNode,
    tooltipText: ReactNode,
  ): string;
  registerWebSocketEventHandler(event: string, handler: (msg: WebSocketMessage) => void): void;
  unregisterWebSocketEventHandler(event: string): void;
  registerReconnectHandler?(handler: () => void): void;
  unregisterReconnectHandler?(): void;
  unregisterComponent(componentId: string): void;
  unregisterPostTypeComponent(componentId: string): void;
}

export interface ClientPlugin {
  initialize(registry: PluginRegistry, store: HostStore): void;
  uninitialize(): void;
}

declare global {
  interface Window {
    registerPlugin?: (id: string, plugin: ClientPlugin) => void;
    WebappUtils?: { browserHistory?: { push(path: string): void } };
    basename?: string;
  }
}
