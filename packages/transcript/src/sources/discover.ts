// Finds what to follow under an OpenClaw state directory: every agent under `agents/*`, with its
// storage era detected per agent (design §2). Only directory listings and stats: no file is read.
import { opendir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export type AgentLayout =
  | { agent: string; era: 'sqlite'; dbPath: string }
  | { agent: string; era: 'jsonl'; sessionsDir: string; sessionsJson: string };

export const SQLITE_DB_NAME = 'openclaw-agent.sqlite';

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function hasTranscripts(dir: string): Promise<boolean> {
  try {
    const dirHandle = await opendir(dir);
    try {
      for await (const e of dirHandle) {
        if (
          e.name === 'sessions.json' ||
          (e.name.endsWith('.jsonl') && !e.name.endsWith('.trajectory.jsonl'))
        )
          return true;
      }
    } finally {
      await dirHandle.close().catch(() => undefined);
    }
  } catch {
    return false;
  }
  return false;
}

/** The layout of one agent directory, or undefined when it holds no sessions of either era. */
export async function detectAgent(agentDir: string): Promise<AgentLayout | undefined> {
  const agent = path.basename(agentDir);
  const dbPath = path.join(agentDir, 'agent', SQLITE_DB_NAME);
  // A current gateway may leave an old sessions.json behind: the database wins.
  if (await isFile(dbPath)) return { agent, era: 'sqlite', dbPath };
  const sessionsDir = path.join(agentDir, 'sessions');
  if (await hasTranscripts(sessionsDir)) {
    return { agent, era: 'jsonl', sessionsDir, sessionsJson: path.join(sessionsDir, 'sessions.json') };
  }
  return undefined;
}

/** Every agent with sessions under `<stateDir>/agents`, sorted by agent name. */
export async function discoverAgents(stateDir: string): Promise<AgentLayout[]> {
  let names: string[];
  try {
    names = (await readdir(path.join(stateDir, 'agents'), { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
  const found = await Promise.all(names.map((n) => detectAgent(path.join(stateDir, 'agents', n))));
  return found.filter((a): a is AgentLayout => a !== undefined);
}
