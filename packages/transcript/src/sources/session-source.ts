// The one `SessionSource` the daemon and the TUI consume: every agent under the OpenClaw state
// directory (era detected per agent), or explicit paths, behind one listener interface. Agents
// that appear later are picked up by a slow rescan.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SessionChange, SessionSource, SourceStats, StorageEra } from '../types.ts';
import type { AgentSource, AgentSourceContext, ParseEntry, StartupWindow } from './agent-source.ts';
import { type AgentLayout, discoverAgents } from './discover.ts';
import { createJsonlAgentSource, type RegistryParser } from './jsonl-agent-source.ts';
import { type SourceClock, systemClock } from './source-clock.ts';
import { createSqliteAgentSource, type SqliteRegistryParser } from './sqlite-agent-source.ts';

/** The pure core functions a source needs (parsing lives in the core, not in the adapters). */
export interface SourceParsers {
  parseEntry: ParseEntry;
  /** A sessions.json parser for one agent's folder (it may keep state between reads of that file). */
  sessionsJsonReader(ctx: {
    agent: string;
    sessionsDir: string;
    exists: (p: string) => boolean;
  }): RegistryParser;
  /** SQLite registry rows → records of that agent. */
  recordsFromSqliteRows(
    rows: Parameters<SqliteRegistryParser>[0],
    ctx: { agent: string; dbPath: string },
  ): ReturnType<SqliteRegistryParser>;
}

export interface SessionSourceOptions {
  /** OpenClaw state directory (see `resolveStateDir`); every agent under `agents/*` is followed. */
  stateDir?: string;
  /** Explicit JSONL era sessions directory (seed `TRANSCRIPT_DIR`); wins over detection. */
  transcriptDir?: string;
  /** Explicit registry file (seed `SESSIONS_JSON`); default `<transcriptDir>/sessions.json`. */
  sessionsJson?: string;
  /** Explicit SQLite database (`OPENCLAW_STATE_DB`); wins over detection. */
  stateDb?: string;
  clock?: SourceClock;
  /** Sessions active within this window (or running) are followed at startup. Default 30 min. */
  recentWindowMs?: number;
  /** Trailing bytes of a JSONL transcript read at startup. Default 512 KiB. */
  maxInitialBytes?: number;
  /** Trailing rows of a SQLite transcript read at startup. Default 500. */
  maxInitialRows?: number;
  /** sessions.json re-read debounce. Default 25 ms. */
  debounceMs?: number;
  /** SQLite fallback poll. Default 1000 ms. */
  pollIntervalMs?: number;
  /** State-directory rescan for new agents. Default 5000 ms; 0 disables. */
  rescanIntervalMs?: number;
  busyBackoffMs?: number[];
}

/** Agent name from `.../agents/<agent>/<leaf>/...`, else `main`. */
function agentFromPath(p: string, leaf: string): string {
  const parts = path.resolve(p).split(path.sep);
  const i = parts.lastIndexOf(leaf);
  return i >= 2 && parts[i - 2] === 'agents' ? (parts[i - 1] ?? 'main') : 'main';
}

export function explicitLayouts(options: SessionSourceOptions): AgentLayout[] | undefined {
  if (options.stateDb) {
    const dbPath = path.resolve(options.stateDb);
    return [{ agent: agentFromPath(path.dirname(dbPath), 'agent'), era: 'sqlite', dbPath }];
  }
  if (options.transcriptDir || options.sessionsJson) {
    const sessionsDir = path.resolve(options.transcriptDir ?? path.dirname(options.sessionsJson as string));
    const sessionsJson = path.resolve(options.sessionsJson ?? path.join(sessionsDir, 'sessions.json'));
    return [{ agent: agentFromPath(sessionsDir, 'sessions'), era: 'jsonl', sessionsDir, sessionsJson }];
  }
  return undefined;
}

export function createSessionSourceWith(
  parsers: SourceParsers,
  options: SessionSourceOptions,
): SessionSource {
  const clock = options.clock ?? systemClock;
  const window: StartupWindow = {
    recentWindowMs: options.recentWindowMs ?? 30 * 60_000,
    maxInitialBytes: options.maxInitialBytes ?? 512 * 1024,
    maxInitialRows: options.maxInitialRows ?? 500,
  };
  const changeListeners = new Set<(c: SessionChange) => void>();
  const problemListeners = new Set<(p: { message: string; path?: string }) => void>();
  const agents = new Map<string, AgentSource>();
  const counters = { bytesRead: 0, malformedLines: 0, lastError: undefined as string | undefined };
  let rescanTimer: unknown;
  let closed = false;

  const ctx: AgentSourceContext = {
    emit(change) {
      for (const l of changeListeners) l(change);
    },
    problem(message, p) {
      counters.lastError = message;
      const problem = p === undefined ? { message } : { message, path: p };
      for (const l of problemListeners) l(problem);
    },
    countBytes(n) {
      counters.bytesRead += n;
    },
    countMalformed(n) {
      counters.malformedLines += n;
    },
    clock,
  };

  function build(layout: AgentLayout): AgentSource {
    if (layout.era === 'sqlite') {
      const { agent, dbPath } = layout;
      return createSqliteAgentSource(
        {
          agent,
          dbPath,
          parseEntry: parsers.parseEntry,
          parseRegistry: (rows) => parsers.recordsFromSqliteRows(rows, { agent, dbPath }),
          window,
          pollIntervalMs: options.pollIntervalMs ?? 1000,
          ...(options.busyBackoffMs ? { busyBackoffMs: options.busyBackoffMs } : {}),
        },
        ctx,
      );
    }
    const { agent, sessionsDir, sessionsJson } = layout;
    return createJsonlAgentSource(
      {
        agent,
        sessionsDir,
        sessionsJson,
        parseEntry: parsers.parseEntry,
        parseRegistry: parsers.sessionsJsonReader({ agent, sessionsDir, exists: existsSync }),
        window,
        debounceMs: options.debounceMs ?? 25,
      },
      ctx,
    );
  }

  async function startLayouts(layouts: AgentLayout[]) {
    if (closed) return;
    const fresh = layouts.filter((l) => !agents.has(`${l.era}:${l.agent}`));
    await Promise.all(
      fresh.map(async (layout) => {
        const source = build(layout);
        agents.set(`${layout.era}:${layout.agent}`, source);
        try {
          await source.start();
        } catch (err) {
          agents.delete(`${layout.era}:${layout.agent}`);
          await source.close().catch(() => undefined);
          ctx.problem(`cannot follow agent ${layout.agent}: ${(err as Error).message}`, source.paths[0]);
        }
      }),
    );
  }

  function armRescan(stateDir: string) {
    const every = options.rescanIntervalMs ?? 5000;
    if (every <= 0 || closed) return;
    rescanTimer = clock.setTimeout(() => {
      void discoverAgents(stateDir)
        .then(startLayouts)
        .finally(() => armRescan(stateDir));
    }, every);
  }

  return {
    async start() {
      const explicit = explicitLayouts(options);
      if (explicit) {
        await startLayouts(explicit);
        return;
      }
      if (!options.stateDir)
        throw new Error('a session source needs stateDir, transcriptDir/sessionsJson or stateDb');
      await startLayouts(await discoverAgents(options.stateDir));
      armRescan(options.stateDir);
    },
    async close() {
      closed = true;
      if (rescanTimer !== undefined) clock.clearTimeout(rescanTimer);
      await Promise.all([...agents.values()].map((a) => a.close()));
      agents.clear();
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    onProblem(listener) {
      problemListeners.add(listener);
      return () => problemListeners.delete(listener);
    },
    stats(): SourceStats {
      const eras = new Set<StorageEra>([...agents.values()].map((a) => a.era));
      const era: SourceStats['era'] =
        eras.size === 0 ? 'none' : eras.size > 1 ? 'mixed' : ([...eras][0] as StorageEra);
      let tracked = 0;
      for (const a of agents.values()) tracked += a.tracked();
      return {
        era,
        paths: [...agents.values()].flatMap((a) => a.paths),
        sessionsTracked: tracked,
        bytesRead: counters.bytesRead,
        malformedLines: counters.malformedLines,
        ...(counters.lastError ? { lastError: counters.lastError } : {}),
      };
    },
  };
}
