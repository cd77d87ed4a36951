// Test-only access to the real OpenClaw fixtures (test-data/openclaw, written by the real gateway).
import fs from 'node:fs';
import path from 'node:path';
import { fixturesDir } from '../replay/fixtures.ts';
import type { TranscriptEntry } from '../types.ts';
import { parseEntry } from './parse-entry.ts';

/** The fixtures folder, found the same way when bundled (bench runner) as from source. */
export const FIXTURES = fixturesDir;

const JSONL_SESSIONS = 'v2026.7.35-gateway/agents/main/sessions';

/** Paths of the real transcripts by short name. */
export const TRANSCRIPTS = {
  basic735:
    'v2026.7.35-local-basic/agents/main/sessions/91a91807-da8d-4e09-8cac-722a3462075f-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl',
  probe735: 'v2026.7.35-local-probe/agents/main/sessions/probe-1.jsonl',
  parent735: `${JSONL_SESSIONS}/bdfc5e57-4378-44e5-a914-5fd7a66a4ab3.jsonl`,
  child735: `${JSONL_SESSIONS}/cb64a89e-c843-4457-b239-294d89aa69a6.jsonl`,
  slow735: `${JSONL_SESSIONS}/d15efd32-173e-47e7-921e-be080eced864-topic-8z1yq3mhsfn5pcd7e4u9wqx2ka.jsonl`,
  slowBeforeCompaction735: 'v2026.7.35-gateway/thread-d15efd32-before-compaction.jsonl',
  big735: `${JSONL_SESSIONS}/1c51c392-0f95-4349-b638-c3339b0a4590.jsonl`,
  error735: `${JSONL_SESSIONS}/117e450a-e699-4275-8656-80fe777f765d.jsonl`,
  basic96: 'v2026.9.6-sqlite-local-basic/export/transcripts/c0a18a3e-66ed-4eae-b705-d14b1d48b6b0.jsonl',
  parent96: 'v2026.9.6-sqlite-gateway-subagent/export/transcripts/44920d39-5015-4bb9-903a-f7e7081c58c5.jsonl',
  child96: 'v2026.9.6-sqlite-gateway-subagent/export/transcripts/583ced98-5de1-4f65-bef1-2a8d19bca309.jsonl',
} as const;

export type TranscriptName = keyof typeof TRANSCRIPTS;

export function readFixture(rel: string): string {
  return fs.readFileSync(path.join(FIXTURES, rel), 'utf8');
}

export function fixtureLines(name: TranscriptName): string[] {
  return readFixture(TRANSCRIPTS[name])
    .split('\n')
    .filter((l) => l.trim() !== '');
}

/** Every line of a real transcript parsed; throws if one fails (the fixtures are all valid). */
export function fixtureEntries(name: TranscriptName): TranscriptEntry[] {
  return fixtureLines(name).map((line, i) => {
    const r = parseEntry(line);
    if (!r.ok) throw new Error(`${name} line ${i + 1}: ${r.error}`);
    return r.entry;
  });
}

/** Raw JSON objects of a transcript, for computing expectations straight from the file. */
export function fixtureObjects(name: TranscriptName): Record<string, unknown>[] {
  return fixtureLines(name).map((l) => JSON.parse(l) as Record<string, unknown>);
}
