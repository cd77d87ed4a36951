// One scenario's real parts: mm-dev-server with the packaged webapp plugin enabled (plugin mode),
// a temp OpenClaw home, and the daemon process pointed at both.
import path from 'node:path';
import { createServer, DEFAULT_IDS, type MmDevServer, type ServerOptions } from '@livestatus/mm-dev-server';
import type { Post } from '@mattermost/types/posts';
import { DaemonProcess } from './daemon-process.ts';
import { boxOf, boxPosts, until } from './invariants.ts';
import { OpenClawHome } from './openclaw-home.ts';
import { pluginPackage } from './paths.ts';

export interface Stack {
  server: MmDevServer;
  home: OpenClawHome;
  env: Record<string, string>;
  daemon: DaemonProcess | undefined;
  /** `nodeArgs` go to node before the daemon's script (e.g. `--inspect=127.0.0.1:0`). */
  startDaemon(extra?: Record<string, string>, nodeArgs?: string[]): Promise<DaemonProcess>;
  /** Waits until the session's box exists; returns the post. */
  postOf(key: string, timeoutMs?: number): Promise<Post>;
  /** Waits until the session's box shows state `s` (d/e/i/a). */
  waitState(key: string, s: string, timeoutMs: number): Promise<Post>;
  close(): Promise<void>;
}

export async function stack(opts: { plugin?: boolean; server?: ServerOptions } = {}): Promise<Stack> {
  const server = await createServer(opts.server);
  if (opts.plugin ?? true) await server.installPlugin(pluginPackage());
  const home = new OpenClawHome();
  const env: Record<string, string> = {
    MM_URL: server.url,
    MM_TOKEN: DEFAULT_IDS.botToken,
    OPENCLAW_STATE_DIR: home.stateDir,
    STATE_DIR: home.daemonState,
    PID_FILE: path.join(home.daemonState, 'daemon.pid'),
    DEFAULT_CHANNEL: DEFAULT_IDS.channelId,
    THROTTLE_MS: '200',
    LOG_LEVEL: 'trace',
  };
  const find = (key: string) => boxPosts(server).find((p) => p.delete_at === 0 && boxOf(p)?.k === key);
  const s: Stack = {
    server,
    home,
    env,
    daemon: undefined,
    async startDaemon(extra = {}, nodeArgs = []) {
      s.daemon = await DaemonProcess.start(home.home, { ...env, ...extra }, ['run'], nodeArgs);
      return s.daemon;
    },
    async postOf(key, timeoutMs = 10_000) {
      await until(() => find(key) !== undefined, timeoutMs, `a box for ${key}`);
      return find(key)!;
    },
    async waitState(key, state, timeoutMs) {
      await until(
        () => boxOf(find(key) ?? ({} as Post))?.s === state,
        timeoutMs,
        `${key} to reach state ${state}`,
      );
      return find(key)!;
    },
    async close() {
      if (s.daemon?.running) await s.daemon.stop('SIGKILL').catch(() => {});
      await server.close();
      home.remove();
    },
  };
  return s;
}
