// A real `openclaw gateway run` on a free loopback port that stays up across several agent
// turns: sub-agents and announce turns only happen in a gateway, and a watcher under test
// (the daemon) can follow its state directory while turns run.

import { type AgentResult, type AgentTurn, abortError, runAgentCli } from './agent-cli.ts';
import { GATEWAY_TOKEN, openClawEnv, writeOpenClawConfig } from './config.ts';
import { ensureOpenClaw, type OpenClawInstall } from './install.ts';
import { freeLoopbackPort } from './ports.ts';
import { spawnGroup, stripAnsi } from './process-group.ts';
import { readWrittenState, type WrittenState } from './state.ts';
import type { OpenClawVersion } from './versions.ts';

export interface GatewayOptions {
  version: OpenClawVersion;
  /** The run's HOME; OpenClaw's state goes to `<home>/.openclaw`. */
  home: string;
  /** The scripted model's base URL (`…/v1`). */
  modelUrl: string;
  /** Default: a free loopback port. */
  port?: number;
  /** How long to wait for "[gateway] ready" (7.35 ~1 s, 9.6 ~10 s). Default 120 s. */
  readyTimeoutMs?: number;
  /** Working directory of the gateway and the CLI; default `home`. */
  cwd?: string;
  signal?: AbortSignal;
  /** An install from ensureOpenClaw; default: ensured here. */
  install?: OpenClawInstall;
}

export interface IdleOptions {
  /** Nothing may change for this long. Default 2000 ms. */
  quietMs?: number;
  /**
   * A session still marked `running` (or a finished sub-agent not yet announced to its parent)
   * after this long without change counts as idle: OpenClaw leaves `running` after a provider
   * error. Default 10 s.
   */
  stuckMs?: number;
  /** Give up (reject) after this long. Default 120 s. */
  timeoutMs?: number;
  pollMs?: number;
}

export interface Gateway {
  version: OpenClawVersion;
  home: string;
  /** `<home>/.openclaw`: the directory a watcher follows. */
  stateDir: string;
  port: number;
  token: string;
  pid: number;
  /** The gateway's stdout+stderr so far. */
  log(): string;
  /** One `openclaw agent` turn through this gateway; resolves when the CLI returns (sub-agents may still run). */
  runAgent(turn: AgentTurn): Promise<AgentResult>;
  /** Resolves once no session is running and nothing changed for `quietMs` (sub-agents and announce turns done). */
  waitForIdle(options?: IdleOptions): Promise<WrittenState>;
  /** Stops the gateway and everything it started. Idempotent. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function signature(state: WrittenState): string {
  return JSON.stringify(state.sessions.map((s) => [s.key, s.sessionId, s.status, s.entries.length]));
}

function readSafely(stateDir: string): WrittenState {
  try {
    return readWrittenState(stateDir);
  } catch {
    // a registry mid-replace or a DB busy for a moment: treat as "changing"
    return { era: 'none', files: [], sessions: [] };
  }
}

function lastWrite(entries: Record<string, unknown>[]): number {
  const stamp = entries.at(-1)?.timestamp;
  return typeof stamp === 'string' ? Date.parse(stamp) : 0;
}

// A finished sub-agent is announced back into its parent as a turn of the parent's own; until
// the parent wrote after the child's last entry, the gateway still has work to do (on a busy
// machine that gap can exceed quietMs).
function announcePending(state: WrittenState): boolean {
  return state.sessions.some((child) => {
    if (!child.spawnedBy || child.status === 'running') return false;
    const parent = state.sessions.find((s) => s.key === child.spawnedBy);
    return parent !== undefined && lastWrite(parent.entries) < lastWrite(child.entries);
  });
}

async function waitForIdle(stateDir: string, options: IdleOptions = {}): Promise<WrittenState> {
  const quietMs = options.quietMs ?? 2000;
  const stuckMs = options.stuckMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const pollMs = options.pollMs ?? 200;
  const started = Date.now();
  let last = '';
  let since = Date.now();
  for (;;) {
    const state = readSafely(stateDir);
    const now = Date.now();
    const sig = signature(state);
    if (sig !== last) {
      last = sig;
      since = now;
    }
    const unchanged = now - since;
    const running = state.sessions.some((s) => s.status === 'running') || announcePending(state);
    if (state.sessions.length > 0 && unchanged >= (running ? stuckMs : quietMs)) return state;
    if (now - started > timeoutMs)
      throw new Error(`OpenClaw state in ${stateDir} did not settle within ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}

/** Starts `openclaw gateway run` on 127.0.0.1 and waits until it is ready. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const install = options.install ?? (await ensureOpenClaw(options.version));
  const port = options.port ?? (await freeLoopbackPort());
  const cwd = options.cwd ?? options.home;
  const stateDir = await writeOpenClawConfig({
    version: options.version,
    home: options.home,
    modelUrl: options.modelUrl,
    gatewayPort: port,
  });
  const env = openClawEnv(install.nodeBin, options.home);
  const args = [
    install.bin,
    'gateway',
    'run',
    '--port',
    String(port),
    '--bind',
    'loopback',
    '--token',
    GATEWAY_TOKEN,
  ];
  const gateway = spawnGroup(install.nodeBin, args, { cwd, env });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await gateway.kill();
  };
  const onAbort = () => void stop();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await gateway.waitForOutput(/\[gateway\] ready/, options.readyTimeoutMs ?? 120_000);
  } catch (error) {
    await stop();
    if (options.signal?.aborted) throw abortError(options.signal);
    throw error;
  }
  return {
    version: options.version,
    home: options.home,
    stateDir,
    port,
    token: GATEWAY_TOKEN,
    pid: gateway.pid,
    log: () => stripAnsi(gateway.stdout() + gateway.stderr()),
    runAgent: (turn) =>
      runAgentCli(
        { install, home: options.home, cwd, local: false, env: { OPENCLAW_GATEWAY_TOKEN: GATEWAY_TOKEN } },
        turn,
      ),
    waitForIdle: (idle) => waitForIdle(stateDir, idle),
    async stop() {
      options.signal?.removeEventListener('abort', onAbort);
      await stop();
    },
  };
}
