import { replayScenarios } from '@livestatus/transcript';
import { describe, expect, it } from 'vitest';
import { pauseMs, roundPlan, sqliteAgent } from './plan.ts';

describe('roundPlan', () => {
  it('replays every bundled scenario once per round, the JSONL era first', () => {
    const plan = roundPlan(1);
    expect(plan.map((r) => r.fixture).sort()).toEqual(replayScenarios.map((s) => s.name).sort());
    expect(plan.map((r) => r.era)).toEqual(['jsonl', 'jsonl', 'jsonl', 'sqlite', 'sqlite']);
    expect(plan[0]?.fixture).toBe('v2026.7.35-gateway');
  });

  it('puts JSONL runs in their fixture agent and each SQLite run in a folder never used before', () => {
    const plan = roundPlan(1);
    expect(plan.filter((r) => r.era === 'jsonl').every((r) => r.agent === 'main')).toBe(true);
    const folders = [1, 2, 3].flatMap((round) =>
      roundPlan(round)
        .filter((r) => r.era === 'sqlite')
        .map((r) => r.agent),
    );
    expect(new Set(folders).size).toBe(folders.length);
    expect(folders).not.toContain('main');
    expect(sqliteAgent('v2026.9.6-sqlite-local-basic', 1)).toBe('sqlite-local-basic');
    expect(sqliteAgent('v2026.9.6-sqlite-local-basic', 2)).toBe('sqlite-local-basic-2');
  });
});

describe('pauseMs', () => {
  it('shortens with speed and never exceeds 3 s', () => {
    expect(pauseMs(1)).toBe(3000);
    expect(pauseMs(0.1)).toBe(3000);
    expect(pauseMs(20)).toBe(150);
  });
});
