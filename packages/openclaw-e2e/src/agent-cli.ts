// One `openclaw agent …` invocation (embedded with --local, or through a running gateway):
// started in its own process group, bounded by a timeout and an AbortSignal, and everything it
// started is killed when it ends.

import { openClawEnv } from './config.ts';
import type { OpenClawInstall } from './install.ts';
import { spawnGroup } from './process-group.ts';

export interface AgentTurn {
  sessionKey: string;
  message: string;
  /** OpenClaw agent id; default `main`. */
  agent?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface AgentResult {
  stdout: string;
  stderr: string;
  /** null when it was killed (timeout). */
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
}

export interface AgentCliContext {
  install: OpenClawInstall;
  home: string;
  cwd: string;
  /** `--local` = embedded run without a gateway. */
  local: boolean;
  env?: NodeJS.ProcessEnv;
}

export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

export async function runAgentCli(context: AgentCliContext, turn: AgentTurn): Promise<AgentResult> {
  if (turn.signal?.aborted) throw abortError(turn.signal);
  const args = [context.install.bin, 'agent'];
  if (context.local) args.push('--local');
  args.push(
    '--agent',
    turn.agent ?? 'main',
    '--session-key',
    turn.sessionKey,
    '--message',
    turn.message,
    '--json',
  );
  const started = Date.now();
  const child = spawnGroup(context.install.nodeBin, args, {
    cwd: context.cwd,
    env: openClawEnv(context.install.nodeBin, context.home, context.env),
  });
  let timedOut = false;
  let aborted = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void child.kill();
  }, turn.timeoutMs);
  const onAbort = () => {
    aborted = true;
    void child.kill();
  };
  turn.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const exitCode = await child.exited;
    if (aborted && turn.signal) throw abortError(turn.signal);
    return {
      stdout: child.stdout(),
      stderr: child.stderr(),
      exitCode: timedOut ? null : exitCode,
      timedOut,
      durationMs: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
    turn.signal?.removeEventListener('abort', onAbort);
    // Tools the agent started (shells, background processes) must not outlive the run.
    await child.kill(1000);
  }
}
