// registry_reparse_ms_500: re-reading a 500-entry sessions.json (the real ~17 KB entry of the
// local-basic run under 500 keys, ~9 MB, OpenClaw's own layout) after one entry changed, as the
// JSONL source does on every rename OpenClaw makes; against parseSessionsJson of the same text in
// the same run (registry_reparse_ratio_vs_full_parse). The two are timed in separate phases so
// the full parse's garbage is collected on its own time.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createSessionsJsonReader, fixturesDir, parseSessionsJson } from '@livestatus/transcript';
import { percentile } from './bench-data.ts';

const ENTRIES = 500;

export async function run({ quick }: { quick: boolean }) {
  const fixture = JSON.parse(
    readFileSync(path.join(fixturesDir, 'v2026.7.35-local-basic/agents/main/sessions/sessions.json'), 'utf8'),
  ) as Record<string, Record<string, unknown>>;
  const entry = Object.values(fixture)[0] as Record<string, unknown>;
  // The daemon on the gateway's host: sessionFile is in the watched folder.
  const sessionsDir = path.dirname(String(entry.sessionFile));
  const registry: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < ENTRIES; i++) {
    const sessionId = `bench-${String(i).padStart(4, '0')}`;
    registry[`agent:main:mattermost:channel:c${i}`] = {
      ...entry,
      sessionId,
      sessionFile: path.join(sessionsDir, `${sessionId}.jsonl`),
      updatedAt: 1795514441968 + i,
    };
  }
  /** Version v: entry 250 as a run moves it on, everything else as it was. */
  const version = (v: number) => {
    const changed = registry['agent:main:mattermost:channel:c250'] as Record<string, unknown>;
    registry['agent:main:mattermost:channel:c250'] = {
      ...changed,
      status: v % 2 ? 'running' : 'done',
      updatedAt: 1795600000000 + v,
    };
    const text = JSON.stringify(registry, null, 2);
    return { text, bytes: Buffer.from(text) };
  };
  const rounds = quick ? 20 : 100;
  // Two versions read in turn: each read differs from the one before in that one entry.
  const versions = [version(0), version(1)];
  const at = (v: number) => versions[v % 2] as { text: string; bytes: Buffer };
  const ctx = { agent: 'main', sessionsDir, exists: existsSync };

  const read = createSessionsJsonReader(ctx);
  const first = performance.now();
  read(at(0).bytes);
  const firstReadMs = performance.now() - first;
  const incremental: number[] = [];
  for (let v = 1; v <= rounds; v++) {
    const t = performance.now();
    const r = read(at(v).bytes);
    incremental.push(performance.now() - t);
    if (!r.ok || r.records.length !== ENTRIES) throw new Error('incremental read failed');
  }
  (globalThis as { gc?: () => void }).gc?.();
  const full: number[] = [];
  for (let v = 1; v <= rounds; v++) {
    const t = performance.now();
    const r = parseSessionsJson(at(v).text, ctx);
    full.push(performance.now() - t);
    if (!r.ok || r.records.length !== ENTRIES) throw new Error('full parse failed');
  }
  const last = at(rounds + 1);
  if (JSON.stringify(read(last.bytes)) !== JSON.stringify(parseSessionsJson(last.text, ctx)))
    throw new Error('incremental and full parse disagree');

  incremental.sort((a, b) => a - b);
  full.sort((a, b) => a - b);
  const ours = percentile(incremental, 50);
  const baseline = percentile(full, 50);
  return [
    {
      name: 'registry_reparse_ms_500',
      value: Number(ours.toFixed(2)),
      unit: 'ms',
      baselines: {
        full_parse_ms: Number(baseline.toFixed(2)),
        first_read_ms: Number(firstReadMs.toFixed(2)),
      },
    },
    {
      name: 'registry_reparse_ratio_vs_full_parse',
      value: Number((ours / baseline).toFixed(3)),
      unit: 'ratio',
      goal: { op: '<=' as const, value: 0.5 },
    },
  ];
}
