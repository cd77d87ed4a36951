// Executes a JSONL-era replay plan into `<stateDir>/agents/<agent>/sessions` the way OpenClaw
// writes: sessions.json replaced by temp file + rename (pretty JSON, no trailing newline),
// transcripts created by one write and then appended line by line, the lock file around a run.
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type JsonlFixtureSession, type JsonlReplayStep, planJsonlReplay } from './jsonl-replay-plan.ts';
import { gapMs, insideRoot, type ReplayRunOptions } from './pacing.ts';
import { retimeTranscriptText } from './retime.ts';
import { writeSessionsJsonAtomic } from './sessions-json-writer.ts';

const TIME_FIELDS = [
  'updatedAt',
  'startedAt',
  'endedAt',
  'sessionStartedAt',
  'lastInteractionAt',
  'lastActivityAt',
];

/** Reads a JSONL fixture's registry and transcripts (by the file name its sessionFile points at). */
export async function loadJsonlFixture(fixtureDir: string, agent = 'main'): Promise<JsonlFixtureSession[]> {
  const sessionsDir = path.join(fixtureDir, 'agents', agent, 'sessions');
  const registry = JSON.parse(await readFile(path.join(sessionsDir, 'sessions.json'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  const out: JsonlFixtureSession[] = [];
  for (const [key, entry] of Object.entries(registry)) {
    const name =
      typeof entry.sessionFile === 'string' ? path.basename(entry.sessionFile) : `${entry.sessionId}.jsonl`;
    let text: string | undefined;
    try {
      text = await readFile(path.join(sessionsDir, name), 'utf8');
    } catch {
      text = undefined;
    }
    out.push({ key, entry, ...(text !== undefined ? { file: { name, text } } : {}) });
  }
  return out;
}

export type JsonlReplayOptions = ReplayRunOptions<JsonlReplayStep>;

export async function replayJsonl(options: JsonlReplayOptions): Promise<void> {
  const agent = options.agent ?? 'main';
  const sessionsDir = insideRoot(options.stateDir, path.join(options.stateDir, 'agents', agent, 'sessions'));
  await mkdir(sessionsDir, { recursive: true });
  const registryFile = insideRoot(options.stateDir, path.join(sessionsDir, 'sessions.json'));
  const steps = planJsonlReplay(await loadJsonlFixture(options.fixtureDir, agent));
  const firstAt = steps[0]?.at ?? 0;
  const offset = options.now() - firstAt;
  const registry: Record<string, Record<string, unknown>> = {};
  let prevAt = firstAt;

  for (const step of steps) {
    options.signal?.throwIfAborted();
    const wait = gapMs(prevAt, step.at, options);
    if (wait > 0) await options.sleep(wait, options.signal);
    prevAt = step.at;
    if (step.kind === 'registry') {
      const entry: Record<string, unknown> = { ...step.entry };
      for (const f of TIME_FIELDS) if (typeof entry[f] === 'number') entry[f] = (entry[f] as number) + offset;
      if (typeof entry.sessionFile === 'string')
        entry.sessionFile = path.join(sessionsDir, path.basename(entry.sessionFile));
      if (step.running) {
        entry.status = 'running';
        entry.updatedAt = step.at + offset;
        delete entry.endedAt;
        delete entry.runtimeMs;
      }
      registry[step.key] = entry;
      await writeSessionsJsonAtomic(registryFile, registry);
    } else if (step.kind === 'lock') {
      const lock = insideRoot(options.stateDir, path.join(sessionsDir, `${step.file}.lock`));
      if (step.present) {
        const body = {
          pid: process.pid,
          createdAt: new Date(step.at + offset).toISOString(),
          maxHoldMs: 300000,
        };
        await writeFile(lock, JSON.stringify(body, null, 2));
      } else {
        await rm(lock, { force: true });
      }
    } else {
      const file = insideRoot(options.stateDir, path.join(sessionsDir, step.file));
      const text = options.retime ? retimeTranscriptText(step.text, offset) : step.text;
      if (step.append) await appendFile(file, text);
      else await writeFile(file, text);
    }
    await options.onStep?.(step);
  }
}
