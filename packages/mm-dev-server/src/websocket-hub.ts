// `/api/v4/websocket`: authentication (upgrade header/cookie or `authentication_challenge`), the
// `hello` event, and delivery of events to every connection of every channel member, with a `seq`
// counted per connection — as Mattermost's platform hub does.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { type Auth, tokenFromRequest } from './auth.ts';
import { newId } from './ids.ts';
import type { RequestLog } from './request-log.ts';
import type { PostEvent, World } from './world.ts';

export interface Broadcast {
  channel_id?: string;
  user_id?: string;
  team_id?: string;
  omit_users?: Record<string, boolean> | null;
}

interface Connection {
  socket: WebSocket;
  id: string;
  userId: string | null;
  seq: number;
}

export const SERVER_VERSION = '11.9.0';

export class WebSocketHub {
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #connections = new Set<Connection>();
  readonly #world: World;
  readonly #auth: Auth;
  readonly #log: RequestLog;
  /** Events sent, across all connections (read-back for tests). */
  sent = 0;

  constructor(world: World, auth: Auth, log: RequestLog) {
    this.#world = world;
    this.#auth = auth;
    this.#log = log;
  }

  /** Number of authenticated connections, optionally of one user. */
  connectionCount(userId?: string): number {
    let n = 0;
    for (const c of this.#connections)
      if (c.userId !== null && (userId === undefined || c.userId === userId)) n++;
    return n;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { token } = tokenFromRequest(
      { authorization: req.headers.authorization, cookie: req.headers.cookie },
      url.searchParams,
    );
    const user = token ? this.#auth.userForToken(token) : undefined;
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Connection = { socket: ws, id: newId(), userId: null, seq: 0 };
      this.#connections.add(conn);
      ws.on('close', () => {
        this.#connections.delete(conn);
        if (conn.userId) this.#log.emit({ kind: 'ws', action: 'disconnected', userId: conn.userId });
      });
      ws.on('error', () => ws.terminate());
      ws.on('message', (data) => this.#onMessage(conn, data.toString()));
      if (user) this.#authenticated(conn, user.id);
    });
  }

  #authenticated(conn: Connection, userId: string): void {
    conn.userId = userId;
    this.#send(
      conn,
      'hello',
      { connection_id: conn.id, server_version: SERVER_VERSION, server_hostname: 'mm-dev-server' },
      {
        user_id: userId,
      },
    );
    this.#log.emit({ kind: 'ws', action: 'connected', userId });
  }

  #reply(conn: Connection, seqReply: unknown, extra: Record<string, unknown> = {}): void {
    conn.socket.send(JSON.stringify({ status: 'OK', seq_reply: seqReply, ...extra }));
  }

  #onMessage(conn: Connection, text: string): void {
    let msg: {
      seq?: unknown;
      action?: unknown;
      data?: { token?: unknown; channel_id?: unknown; parent_id?: unknown };
    };
    try {
      msg = JSON.parse(text);
    } catch {
      return; // Mattermost drops undecodable frames
    }
    if (msg.action === 'authentication_challenge') {
      if (conn.userId) return;
      const token = msg.data?.token;
      const user = typeof token === 'string' ? this.#auth.userForToken(token) : undefined;
      if (!user) {
        conn.socket.close();
        return;
      }
      this.#reply(conn, msg.seq);
      this.#authenticated(conn, user.id);
      return;
    }
    if (!conn.userId) {
      conn.socket.send(
        JSON.stringify({
          status: 'FAIL',
          seq_reply: msg.seq,
          error: {
            id: 'api.web_socket_router.not_authenticated.app_error',
            message: 'Could not authenticate WebSocket connection.',
            status_code: 401,
          },
        }),
      );
      return;
    }
    if (msg.action === 'ping') {
      this.#reply(conn, msg.seq, {
        data: { text: 'pong', version: SERVER_VERSION, server_time: this.#world.clock.now() },
      });
    } else if (msg.action === 'user_typing') {
      const channelId = msg.data?.channel_id;
      if (typeof channelId === 'string' && this.#world.isMember(channelId, conn.userId)) {
        this.broadcast(
          'typing',
          {
            parent_id: typeof msg.data?.parent_id === 'string' ? msg.data.parent_id : '',
            user_id: conn.userId,
          },
          { channel_id: channelId, omit_users: { [conn.userId]: true } },
        );
      }
      this.#reply(conn, msg.seq);
    } else {
      this.#reply(conn, msg.seq);
    }
  }

  #send(conn: Connection, event: string, data: unknown, broadcast: Broadcast): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    const envelope = {
      event,
      data,
      broadcast: {
        omit_users: broadcast.omit_users ?? null,
        user_id: broadcast.user_id ?? '',
        channel_id: broadcast.channel_id ?? '',
        team_id: broadcast.team_id ?? '',
        connection_id: '',
        omit_connection_id: '',
      },
      seq: conn.seq++,
    };
    conn.socket.send(JSON.stringify(envelope));
    this.sent++;
  }

  /** Sends an event to every authenticated connection the broadcast addresses. */
  broadcast(event: string, data: unknown, broadcast: Broadcast = {}): void {
    for (const conn of this.#connections) {
      const userId = conn.userId;
      if (!userId) continue;
      if (broadcast.omit_users?.[userId]) continue;
      if (broadcast.user_id && broadcast.user_id !== userId) continue;
      if (broadcast.channel_id && !this.#world.isMember(broadcast.channel_id, userId)) continue;
      this.#send(conn, event, data, broadcast);
    }
  }

  /** The WebSocket side of a post change. */
  publishPostEvent(e: PostEvent): void {
    const post = JSON.stringify(e.post);
    if (e.type === 'posted') {
      this.broadcast(
        'posted',
        {
          channel_display_name: e.channel.displayName,
          channel_name: e.channel.name,
          channel_type: e.channel.type,
          post,
          sender_name: `@${e.sender.username}`,
          set_online: e.setOnline,
          team_id: e.channel.teamId,
        },
        { channel_id: e.channel.id },
      );
    } else if (e.type === 'post_edited') {
      this.broadcast('post_edited', { post }, { channel_id: e.channel.id });
    } else {
      this.broadcast('post_deleted', { post, delete_by: e.deletedBy }, { channel_id: e.channel.id });
    }
  }

  /** Drops every connection (outage, close). */
  terminateAll(): void {
    for (const conn of this.#connections) conn.socket.terminate();
    this.#connections.clear();
  }

  close(): Promise<void> {
    this.terminateAll();
    return new Promise((resolve) => this.#wss.close(() => resolve()));
  }
}
