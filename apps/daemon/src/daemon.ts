// The daemon, wired: OpenClaw source → turn tracker → turn follower → box manager → Mattermost
// client, plus plugin detection, persistence, a 1 s tick for what only time changes, and health.
// Everything with I/O is created here; the parts it wires are tested on their own.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLabeler, createSessionSource, createTracker } from '@livestatus/transcript';
import { createBoxManager, type Timers } from './boxes/box-manager.ts';
import { createBoxStore } from './boxes/box-store.ts';
import type { Mode } from './boxes/post-content.ts';
import type { DaemonConfig } from './config/config.ts';
import { createMattermostClient, createMattermostPool, type MattermostClient } from './mattermost/client.ts';
import { createPluginDetector } from './mattermost/plugin-detector.ts';
import type { HealthSnapshot } from './ops/health.ts';
import { startHealthServer } from './ops/health-server.ts';
import { type Log, newCounters } from './ops/metrics.ts';
import { createTurnFollower } from './sessions/turn-follower.ts';
import { VERSION } from './version.ts';

export interface DaemonOptions {
  config: DaemonConfig;
  log: Log;
  now?: () => number;
  timers?: Timers;
  /** Plugin re-check period (design: 60 s). */
  pluginCheckMs?: number;
  tickMs?: number;
  /** How long a graceful stop may take to flush. */
  shutdownFlushMs?: number;
  /** How often the OpenClaw state dir is rescanned for new agents (source default 5 s). */
  rescanIntervalMs?: number;
}

export interface Daemon {
  health(): HealthSnapshot;
  healthPort: number | undefined;
  /** Graceful: every live box interrupted, flushed, then everything closed. */
  stop(): Promise<{ flushed: boolean }>;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

function loadToolLabels(file: string | undefined, log: Log): Record<string, unknown> {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    log.error({ file, error: (err as Error).message }, 'TOOL_LABELS_FILE unreadable; using built-in labels');
    return {};
  }
}

export async function startDaemon(opts: DaemonOptions): Promise<Daemon> {
  const { config, log } = opts;
  const mm = config.mattermost;
  if (!mm) throw new Error('Mattermost settings (MM_URL, MM_TOKEN) are required to run the daemon');
  const now = opts.now ?? Date.now;
  const timers = opts.timers ?? realTimers;
  const startedAt = now();
  const counters = newCounters();
  let status: HealthSnapshot['status'] = 'starting';

  // One pool for every bot: they all talk to one server, within one socket limit (design §6).
  const pool = createMattermostPool(mm.url);
  const clientFor = (token: string) =>
    createMattermostClient({
      url: mm.url,
      token,
      pool,
      onRequest: () => {
        counters.requests++;
      },
    });
  const client = clientFor(mm.token);
  // Each further account is its own bot (own identity: its posts, its DMs); the box manager still
  // paces them all with one rate budget and one circuit breaker.
  const accounts = new Map<string, MattermostClient>();
  for (const [account, token] of mm.accountTokens) accounts.set(account, clientFor(token));
  if (accounts.size > 0) log.info({ accounts: [...accounts.keys()] }, 'bots of further Mattermost accounts');
  const store = createBoxStore(config.stateDir);
  const boxes = createBoxManager({
    client,
    accounts,
    store,
    log,
    counters,
    now,
    timers,
    newId: randomUUID,
    limits: { maxLines: config.maxStatusLines, maxChars: config.maxMessageChars },
    throttleMs: config.throttleMs,
    maxActive: config.maxActiveSessions,
    breaker: { threshold: config.circuitBreakerThreshold, cooldownMs: config.circuitBreakerCooldownS * 1000 },
    mode: 'rest',
  });
  const saved = store.load();
  if (saved.problem) log.warn({ file: store.file }, saved.problem);
  boxes.restore(saved.boxes, saved.gone);
  if (saved.boxes.length > 0)
    log.info({ boxes: saved.boxes.length }, 'resuming status boxes of the previous run');

  let mode: Mode = 'rest';
  const detector = createPluginDetector({
    client,
    enabled: mm.pluginEnabled,
    intervalMs: opts.pluginCheckMs ?? 60_000,
    timers,
    log,
    onMode: (m) => {
      mode = m;
      boxes.setMode(m);
    },
  });
  await detector.check();
  detector.start();

  const tracker = createTracker({
    labeler: createLabeler(loadToolLabels(config.toolLabelsFile, log)),
    idleTimeoutMs: config.idleTimeoutS * 1000,
    maxDurationMs: config.maxSessionDurationS * 1000,
    // History that ended before now gets no box — except the turns of boxes a previous run left
    // live: their final state must still be delivered.
    since: Math.min(now(), ...saved.boxes.map((b) => b.view.startedAt - 1)),
  });
  const follower = createTurnFollower({
    tracker,
    boxes,
    log,
    now,
    ...(mm.defaultChannel ? { defaultChannel: mm.defaultChannel } : {}),
  });
  const source = createSessionSource({
    stateDir: config.openclaw.stateDir,
    ...(config.openclaw.transcriptDir ? { transcriptDir: config.openclaw.transcriptDir } : {}),
    ...(config.openclaw.sessionsJson ? { sessionsJson: config.openclaw.sessionsJson } : {}),
    ...(config.openclaw.stateDb ? { stateDb: config.openclaw.stateDb } : {}),
    ...(opts.rescanIntervalMs !== undefined ? { rescanIntervalMs: opts.rescanIntervalMs } : {}),
  });
  source.onChange((change) => {
    try {
      follower.onChange(change);
    } catch (err) {
      // Untrusted input must never take the daemon down; the session is skipped, the rest go on.
      counters.sourceProblems++;
      log.error({ key: change.key, error: (err as Error).message }, 'could not apply a session change');
    }
  });
  source.onProblem((p) => {
    counters.sourceProblems++;
    log.warn({ path: p.path }, p.message);
  });
  await source.start();
  follower.finishStartup();
  const s = source.stats();
  log.info({ era: s.era, paths: s.paths, sessions: s.sessionsTracked, mode }, 'following OpenClaw sessions');

  let ticking = true;
  const tickLoop = () => {
    if (!ticking) return;
    try {
      follower.tick();
    } catch (err) {
      log.error({ error: (err as Error).message }, 'tick failed');
    }
    timers.setTimeout(tickLoop, opts.tickMs ?? 1000);
  };
  timers.setTimeout(tickLoop, opts.tickMs ?? 1000);
  status = 'ok';

  function health(): HealthSnapshot {
    const b = boxes.stats();
    const src = source.stats();
    return {
      status: status === 'ok' && b.circuit !== 'closed' ? 'degraded' : status,
      uptimeS: Math.round((now() - startedAt) / 1000),
      version: VERSION,
      storage: { era: src.era, paths: src.paths },
      sessions: { active: b.active, tracked: follower.stats().tracked, queued: b.queued },
      mode: b.mode,
      pluginDetected: detector.detected() ?? null,
      circuit: b.circuit,
      rateLimitedUntil: b.rateLimitedUntil > now() ? b.rateLimitedUntil : null,
      counters: { ...counters },
      lastError: b.lastError
        ? { at: new Date(b.lastError.at).toISOString(), message: b.lastError.message }
        : null,
    };
  }

  const healthServer =
    config.healthPort > 0 ? await startHealthServer(config.healthPort, health, config.healthHost) : undefined;

  return {
    health,
    healthPort: healthServer?.port,
    async stop() {
      status = 'stopping';
      ticking = false;
      detector.stop();
      await source.close();
      const r = await boxes.shutdown(opts.shutdownFlushMs ?? 4000);
      boxes.close();
      await pool.close().catch(() => {});
      await healthServer?.close();
      log.info({ flushed: r.flushed }, 'stopped');
      return r;
    },
  };
}
