// busy_folder_10k_cpu_pct: CPU the JSONL source takes while a gateway is busy in a sessions folder
// that also holds 10 000 old transcripts (a long-lived gateway keeps them; OpenClaw's maintenance
// prunes registry entries, not always their files). The gateway is played in this process at
// OpenClaw's pace — registry replaced by temp file + rename every few entries, lock file around
// each run, one append per entry — and the same play runs three times side by side: alone (the
// writer's own cost, subtracted), under our source (watch + reads + parsing + registry re-reads),
// and under a bare chokidar watcher of the folder configured as the source once used it (depth 0,
// old transcripts ignored), which reads nothing: the naive baseline. chokidar lists and lstat()s
// the whole folder on every folder event, back to back while events keep coming.
import { readdirSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSessionSource, fixturesDir } from '@livestatus/transcript';
import { watch } from 'chokidar';

const HISTORY = 10_000;
const REGISTRY = 200;
const ENTRY_GAP_MS = 20;

interface Folder {
  stateDir: string;
  dir: string;
  registry: Record<string, Record<string, unknown>>;
  lines: string[];
  entry: Record<string, unknown>;
}

async function makeFolder(): Promise<Folder> {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'livestatus-bench-busy-'));
  const dir = path.join(stateDir, 'agents', 'main', 'sessions');
  await mkdir(dir, { recursive: true });
  const gw = path.join(fixturesDir, 'v2026.7.35-gateway', 'agents/main/sessions');
  const sample = await readFile(path.join(gw, 'bdfc5e57-4378-44e5-a914-5fd7a66a4ab3.jsonl'));
  const entry = Object.values(
    JSON.parse(await readFile(path.join(gw, 'sessions.json'), 'utf8')) as Record<
      string,
      Record<string, unknown>
    >,
  )[0] as Record<string, unknown>;
  const dayAgo = new Date(Date.now() - 24 * 3600_000);
  const registry: Folder['registry'] = {};
  for (let i = 0; i < HISTORY; i++) {
    const file = path.join(dir, `hist-${String(i).padStart(5, '0')}.jsonl`);
    await writeFile(file, sample);
    await utimes(file, dayAgo, dayAgo);
    if (i < REGISTRY)
      registry[`agent:main:bench:${i}`] = {
        ...entry,
        sessionId: `hist-${i}`,
        sessionFile: file,
        status: 'done',
        updatedAt: dayAgo.getTime(),
      };
  }
  const lines = sample.toString('utf8').split('\n').filter(Boolean);
  const folder = { stateDir, dir, registry, lines, entry };
  await flushRegistry(folder);
  return folder;
}

let tmpSeq = 0;
async function flushRegistry(f: Folder): Promise<void> {
  const file = path.join(f.dir, 'sessions.json');
  const tmp = `${file}.${process.pid}.${tmpSeq++}.tmp`;
  await writeFile(tmp, JSON.stringify(f.registry, null, 2));
  await rename(tmp, file);
}

/** `runs` gateway runs one after the other; returns the wall time they took. */
async function play(f: Folder, runs: number, tag: string): Promise<number> {
  const t0 = performance.now();
  for (let r = 0; r < runs; r++) {
    const id = `${tag}-${r}`;
    const key = `agent:main:bench:${id}`;
    const file = path.join(f.dir, `${id}.jsonl`);
    f.registry[key] = {
      ...f.entry,
      sessionId: id,
      sessionFile: file,
      status: 'running',
      updatedAt: Date.now(),
    };
    await flushRegistry(f);
    await writeFile(`${file}.lock`, '{}');
    await writeFile(file, `${f.lines.slice(0, 3).join('\n')}\n`);
    for (let i = 3; i < f.lines.length; i++) {
      await appendFile(file, `${f.lines[i]}\n`);
      if (i % 4 === 0) {
        (f.registry[key] as Record<string, unknown>).updatedAt = Date.now();
        await flushRegistry(f);
      }
      await new Promise((res) => setTimeout(res, ENTRY_GAP_MS));
    }
    await rm(`${file}.lock`);
    Object.assign(f.registry[key] as Record<string, unknown>, { status: 'done', updatedAt: Date.now() });
    await flushRegistry(f);
    delete f.registry[key]; // the next run's registry stays the same size
  }
  return performance.now() - t0;
}

/** Percent of one core the process used while `work` ran. */
async function cpuPct(work: () => Promise<number>): Promise<number> {
  const before = process.cpuUsage();
  const wallMs = await work();
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1000 / wallMs) * 100;
}

export async function run({ quick }: { quick: boolean }) {
  const f = await makeFolder();
  const runs = quick ? 2 : 6;
  const rounds = quick ? 1 : 3;
  const writer: number[] = [];
  const ours: number[] = [];
  const chokidar: number[] = [];
  let changes = 0;
  try {
    for (let round = 0; round < rounds; round++) {
      writer.push(await cpuPct(() => play(f, runs, `w${round}`)));

      const source = createSessionSource({ stateDir: f.stateDir, rescanIntervalMs: 0 });
      source.onChange(() => changes++);
      await source.start();
      ours.push(await cpuPct(() => play(f, runs, `s${round}`)));
      await source.close();

      // The folder as the source once watched it with chokidar: old transcripts ignored.
      const old = new Set(readdirSync(f.dir).filter((n) => n.startsWith('hist-')));
      const watcher = watch(f.dir, {
        ignoreInitial: true,
        depth: 0,
        atomic: false,
        ignored: (p: string) => old.has(path.basename(p)) || p.endsWith('.tmp'),
      });
      watcher.on('all', () => {});
      await new Promise<void>((res) => watcher.once('ready', () => res()));
      chokidar.push(await cpuPct(() => play(f, runs, `c${round}`)));
      await watcher.close();
    }
  } finally {
    await rm(f.stateDir, { recursive: true, force: true });
  }
  if (changes < runs * rounds) throw new Error(`the source reported only ${changes} changes`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const base = median(writer);
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return [
    {
      name: 'busy_folder_10k_cpu_pct',
      value: round1(Math.max(0, median(ours) - base)),
      unit: '%',
      goal: { op: '<=' as const, value: 25 },
      baselines: {
        chokidar_watch_only: round1(Math.max(0, median(chokidar) - base)),
        gateway_writer: round1(base),
      },
    },
  ];
}
