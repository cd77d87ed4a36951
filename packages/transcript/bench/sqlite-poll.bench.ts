// sqlite_poll_latency_p99_ms: a row inserted by OpenClaw's writer (a separate WAL connection) →
// the change emitted by the read-only source. Rows are the real fixture rows with fresh ids.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createSessionSource,
  fixturesDir,
  prepareSqliteReplay,
  type SessionChange,
} from '@livestatus/transcript';
import { percentile } from './bench-data.ts';

export async function run({ quick }: { quick: boolean }) {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'livestatus-bench-sqlite-'));
  const replay = await prepareSqliteReplay({
    fixtureDir: path.join(fixturesDir, 'v2026.9.6-sqlite-gateway-subagent'),
    stateDir,
  });
  for (const step of replay.steps) replay.apply(step);
  const source = createSessionSource({ stateDb: replay.dbPath, pollIntervalMs: 1000, rescanIntervalMs: 0 });
  let waiting: { id: string; resolve: () => void } | undefined;
  source.onChange((c: SessionChange) => {
    if (waiting && c.entries.some((e) => e.id === waiting?.id)) waiting.resolve();
  });
  await source.start();
  const events = replay.steps.flatMap((s) => (s.kind === 'event' && s.event.event_json ? [s] : []));
  const insert = replay.writer.prepare(
    'INSERT INTO transcript_events (session_id, seq, event_json, created_at, event_utf8_bytes) VALUES (?, ?, ?, ?, ?)',
  );
  const samples = quick ? 150 : 1000;
  const latencies: number[] = [];
  const seqBySession = new Map<string, number>();
  try {
    for (let i = 0; i < samples; i++) {
      const step = events[i % events.length];
      if (!step || step.kind !== 'event') continue;
      const obj = JSON.parse(String(step.event.event_json)) as { id: string; type: string };
      if (obj.type === 'session') continue;
      obj.id = randomUUID();
      const json = JSON.stringify(obj);
      const seq = (seqBySession.get(step.sessionId) ?? 1000) + 1;
      seqBySession.set(step.sessionId, seq);
      const arrived = new Promise<void>((resolve) => {
        waiting = { id: obj.id, resolve };
      });
      const t = performance.now();
      insert.run(step.sessionId, seq, json, Date.now(), Buffer.byteLength(json));
      await arrived;
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    await source.close();
    replay.close();
    await rm(stateDir, { recursive: true, force: true });
  }
  latencies.sort((a, b) => a - b);
  return [
    {
      name: 'sqlite_poll_latency_p99_ms',
      value: Number(percentile(latencies, 99).toFixed(2)),
      unit: 'ms',
      goal: { op: '<=' as const, value: 50 },
      baselines: { p50_ms: Number(percentile(latencies, 50).toFixed(2)) },
    },
  ];
}
