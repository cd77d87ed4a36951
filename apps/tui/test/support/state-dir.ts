// Temporary OpenClaw state directories for the end-to-end suites: real fixtures copied in as
// OpenClaw left them, and a fingerprint of every file to prove the TUI never writes there.
import { createHash } from 'node:crypto';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixturesDir, type ReplayScenario } from '@livestatus/transcript';

export async function tempDir(
  prefix = 'livestatus-tui-',
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Copies a fixture's OpenClaw state into `stateDir`, byte for byte: a JSONL fixture's `agents/`
 * tree, or a SQLite fixture's database as the given agent's (default `main`).
 */
export async function copyFixtureState(
  fixture: ReplayScenario,
  stateDir: string,
  agent = 'main',
): Promise<void> {
  const from = path.join(fixturesDir, fixture);
  const sqlite = path.join(from, 'openclaw-agent.sqlite');
  if (await exists(sqlite)) {
    await cp(sqlite, path.join(stateDir, 'agents', agent, 'agent', 'openclaw-agent.sqlite'));
  } else {
    await cp(path.join(from, 'agents'), path.join(stateDir, 'agents'), { recursive: true });
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

/** Every file and directory under `dir` with its size, mode, mtime and content hash. */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const st = await lstat(p);
      const rel = path.relative(dir, p);
      if (e.isDirectory()) {
        out[`${rel}/`] = `dir ${st.mode.toString(8)} ${st.mtimeMs}`;
        await walk(p);
      } else {
        const hash = createHash('sha256')
          .update(await readFile(p))
          .digest('hex');
        out[rel] = `${st.size} ${st.mode.toString(8)} ${st.mtimeMs} ${hash}`;
      }
    }
  }
  await walk(dir);
  return out;
}

/**
 * An installed OpenClaw (JSONL era) that has not run yet: the agent's sessions folder with an
 * empty registry, so a source started now follows the agent from its first write.
 */
export async function emptyJsonlOpenClaw(stateDir: string): Promise<void> {
  const sessions = path.join(stateDir, 'agents', 'main', 'sessions');
  await mkdir(sessions, { recursive: true });
  await writeFile(path.join(sessions, 'sessions.json'), '{}');
}
