import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { zstdDecompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { replayFixture } from '../src/index.ts';

const NOW = Date.parse('2030-01-01T12:00:00.000Z');
const clock = { now: () => NOW, sleep: async () => {} };
const dirs: string[] = [];
const tempState = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'ls-retime-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function entryTimes(lines: string[]): number[] {
  return lines.map((l) => Date.parse(JSON.parse(l).timestamp as string));
}

describe('replay with retime', () => {
  it('JSONL: the replayed transcript starts now, keeping the real gaps between entries', async () => {
    const stateDir = tempState();
    await replayFixture({
      fixture: 'v2026.7.35-local-basic',
      stateDir,
      speed: Number.POSITIVE_INFINITY,
      clock,
      retime: true,
    });
    const dir = path.join(stateDir, 'agents/main/sessions');
    const file = readdirSync(dir).find((f) => f.endsWith('.jsonl') && !f.includes('trajectory'));
    const written = readFileSync(path.join(dir, file as string), 'utf8')
      .trimEnd()
      .split('\n');
    const times = entryTimes(written);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 60_000);
    expect(Math.max(...times)).toBeLessThan(NOW + 60_000);
  });

  it('SQLite: event rows (compressed ones too) carry present-day timestamps', async () => {
    const stateDir = tempState();
    await replayFixture({
      fixture: 'v2026.9.6-sqlite-gateway-subagent',
      stateDir,
      speed: Number.POSITIVE_INFINITY,
      clock,
      retime: true,
    });
    const db = new DatabaseSync(path.join(stateDir, 'agents/main/agent/openclaw-agent.sqlite'), {
      readOnly: true,
    });
    const rows = db.prepare('SELECT event_json, event_zstd FROM transcript_events').all() as Array<{
      event_json: string | null;
      event_zstd: Uint8Array | null;
    }>;
    db.close();
    const lines = rows.map(
      (r) => r.event_json ?? zstdDecompressSync(r.event_zstd as Uint8Array).toString('utf8'),
    );
    expect(rows.some((r) => r.event_zstd !== null)).toBe(true);
    const times = entryTimes(lines);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW - 60_000);
    expect(Math.max(...times)).toBeLessThan(NOW + 60_000);
  });
});
