// startup_10k_ms / startup_bytes_read_ratio: a JSONL-era folder with 10 000 historical
// transcripts (real files, a day old) and a 500-entry registry (real entries) of which a few are
// active: time until the source's initial state was emitted, and how much of the transcripts'
// bytes it read (the registry itself is read once, and is not a transcript).
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSessionSource, fixturesDir } from '@livestatus/transcript';

const HISTORY = 10_000;
const REGISTRY = 500;
const ACTIVE = 5;

export async function run({ quick }: { quick: boolean }) {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'livestatus-bench-startup-'));
  const sessionsDir = path.join(stateDir, 'agents', 'main', 'sessions');
  await mkdir(sessionsDir, { recursive: true });
  const gw = path.join(fixturesDir, 'v2026.7.35-gateway', 'agents/main/sessions');
  const samples = await Promise.all(
    [
      'bdfc5e57-4378-44e5-a914-5fd7a66a4ab3.jsonl',
      'cb64a89e-c843-4457-b239-294d89aa69a6.jsonl',
      'd15efd32-173e-47e7-921e-be080eced864-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl',
      '117e450a-e699-4275-8656-80fe777f765d.jsonl',
      '1c51c392-0f95-4349-b638-c3339b0a4590.jsonl',
    ].map((n) => readFile(path.join(gw, n))),
  );
  const fixtureRegistry = Object.values(
    JSON.parse(await readFile(path.join(gw, 'sessions.json'), 'utf8')) as Record<
      string,
      Record<string, unknown>
    >,
  );
  const now = Date.now();
  const dayAgo = new Date(now - 24 * 3600_000);
  let transcriptBytes = 0;
  const registry: Record<string, unknown> = {};
  for (let i = 0; i < HISTORY; i++) {
    const name = `hist-${String(i).padStart(5, '0')}.jsonl`;
    const body = samples[i % samples.length] as Buffer;
    transcriptBytes += body.length;
    const file = path.join(sessionsDir, name);
    await writeFile(file, body);
    if (i >= ACTIVE) await utimes(file, dayAgo, dayAgo);
    if (i < REGISTRY) {
      const entry = fixtureRegistry[i % fixtureRegistry.length] as Record<string, unknown>;
      registry[`agent:main:bench:${i}`] = {
        ...entry,
        sessionId: `hist-${i}`,
        sessionFile: file,
        status: i < ACTIVE ? 'running' : 'done',
        updatedAt: i < ACTIVE ? now : now - 24 * 3600_000,
      };
    }
  }
  const registryText = JSON.stringify(registry, null, 2);
  await writeFile(path.join(sessionsDir, 'sessions.json'), registryText);

  const rounds = quick ? 3 : 7;
  const times: number[] = [];
  let ratio = 0;
  let followed = 0;
  try {
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      const source = createSessionSource({ stateDir, rescanIntervalMs: 0 });
      let changes = 0;
      source.onChange(() => changes++);
      await source.start();
      times.push(performance.now() - t);
      const stats = source.stats();
      followed = stats.sessionsTracked;
      ratio = (stats.bytesRead - Buffer.byteLength(registryText)) / transcriptBytes;
      await source.close();
      if (changes < REGISTRY) throw new Error(`only ${changes} sessions reported`);
    }
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
  if (followed !== ACTIVE) throw new Error(`followed ${followed} sessions, expected ${ACTIVE}`);
  times.sort((a, b) => a - b);
  return [
    {
      name: 'startup_10k_ms',
      value: Number((times[Math.floor(times.length / 2)] as number).toFixed(1)),
      unit: 'ms',
      goal: { op: '<=' as const, value: 500 },
    },
    {
      name: 'startup_bytes_read_ratio',
      value: Number((ratio * 100).toFixed(3)),
      unit: '%',
      goal: { op: '<=' as const, value: 1 },
    },
  ];
}
