// Shared set-up of the daemon's end-to-end suites: a real mm-dev-server, a temp OpenClaw home,
// and the daemon started in-process from an env map exactly as the CLI would.
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, DEFAULT_IDS, type MmDevServer } from '@livestatus/mm-dev-server';
import type { Post } from '@mattermost/types/posts';
import { loadConfig } from '../../src/config/config.ts';
import { type Daemon, startDaemon } from '../../src/daemon.ts';
import { silentLog } from '../../src/ops/metrics.ts';
import { livestatusPluginDir } from './plugin.ts';

export interface Harness {
  server: MmDevServer;
  home: string;
  /** OpenClaw state directory (`<home>/.openclaw`). */
  ocState: string;
  stateDir: string;
  env: Record<string, string>;
  start(extra?: Record<string, string>): Promise<Daemon>;
  boxPosts(): Post[];
  close(): Promise<void>;
}

export async function harness(opts: { plugin?: boolean; ocState?: string } = {}): Promise<Harness> {
  const server = await createServer();
  if (opts.plugin) await server.installPlugin(livestatusPluginDir());
  const home = mkdtempSync(path.join(tmpdir(), 'ls-e2e-home-'));
  const ocState = opts.ocState ?? path.join(home, '.openclaw');
  const stateDir = mkdtempSync(path.join(tmpdir(), 'ls-e2e-state-'));
  const env: Record<string, string> = {
    MM_URL: server.url,
    MM_TOKEN: DEFAULT_IDS.botToken,
    OPENCLAW_STATE_DIR: ocState,
    STATE_DIR: stateDir,
    DEFAULT_CHANNEL: DEFAULT_IDS.channelId,
    HEALTH_PORT: '0',
    THROTTLE_MS: '200',
    PID_FILE: path.join(stateDir, 'daemon.pid'),
  };
  const daemons: Daemon[] = [];
  return {
    server,
    home,
    ocState,
    stateDir,
    env,
    async start(extra = {}) {
      const r = loadConfig({ ...env, ...extra }, { homedir: home, requireMattermost: true });
      if (!r.ok) throw new Error(r.problems.join('; '));
      const d = await startDaemon({
        config: r.config,
        log: silentLog,
        pluginCheckMs: 60_000,
        rescanIntervalMs: 200,
      });
      daemons.push(d);
      return d;
    },
    boxPosts() {
      const all: Post[] = [];
      for (const ch of [DEFAULT_IDS.channelId, DEFAULT_IDS.offTopicChannelId])
        all.push(...server.postsIn(ch));
      return all.filter((p) => p.props?.livestatus_box);
    },
    async close() {
      for (const d of daemons) await d.stop().catch(() => {});
      await server.close();
    },
  };
}

/** Every file under a directory with size and mtime, to prove nothing was written there. */
export function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out[path.relative(root, p)] = `${st.size}:${st.mtimeMs}`;
    }
  };
  walk(root);
  return out;
}

export async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
