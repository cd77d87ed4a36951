// One complete OpenClaw turn in an isolated HOME: embedded (`agent --local`) or through a
// gateway started just for it (needed for sub-agents), which is stopped once the state settled.

import { type AgentResult, runAgentCli } from './agent-cli.ts';
import { writeOpenClawConfig } from './config.ts';
import { startGateway } from './gateway.ts';
import { ensureOpenClaw } from './install.ts';
import type { OpenClawVersion } from './versions.ts';

export interface RunOptions {
  version: OpenClawVersion;
  /** The run's HOME (created if missing); OpenClaw's state goes to `<home>/.openclaw`. */
  home: string;
  /** e.g. `agent:main:mattermost:channel:<id>`; the message picks the script (`[scenario:basic]`). */
  sessionKey: string;
  message: string;
  /** Through a real gateway (sub-agents, announce turns) instead of an embedded run. */
  gateway?: boolean;
  /** The scripted model's base URL (`…/v1`). */
  modelUrl: string;
  /** Whole run, gateway start included. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Working directory of the CLI; default `home`. */
  cwd?: string;
}

export interface RunResult extends AgentResult {
  /** `<home>/.openclaw`. */
  stateDir: string;
}

/** Runs one turn and returns once OpenClaw (and, with a gateway, its sub-agents) finished writing. */
export async function runOpenClaw(options: RunOptions): Promise<RunResult> {
  const deadline = Date.now() + options.timeoutMs;
  const left = () => Math.max(1000, deadline - Date.now());
  const install = await ensureOpenClaw(options.version);
  const cwd = options.cwd ?? options.home;
  const turn = {
    sessionKey: options.sessionKey,
    message: options.message,
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  if (!options.gateway) {
    const stateDir = await writeOpenClawConfig({
      version: options.version,
      home: options.home,
      modelUrl: options.modelUrl,
    });
    const result = await runAgentCli({ install, home: options.home, cwd, local: true }, turn);
    return { ...result, stateDir };
  }
  const gateway = await startGateway({
    version: options.version,
    home: options.home,
    modelUrl: options.modelUrl,
    cwd,
    install,
    readyTimeoutMs: left(),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    const result = await gateway.runAgent({ ...turn, timeoutMs: left() });
    if (result.exitCode === 0) await gateway.waitForIdle({ timeoutMs: left() });
    return { ...result, stateDir: gateway.stateDir };
  } finally {
    await gateway.stop();
  }
}
