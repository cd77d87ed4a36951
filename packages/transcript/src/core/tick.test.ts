import { describe, expect, it } from 'vitest';
import { replay } from './replay.test-support.ts';
import { fixtureEntries } from './test-fixtures.ts';
import { tick } from './tick.ts';

// The slow run cut right after its toolCall: `sleep 6` is running.
const running = () => replay(fixtureEntries('slow735').slice(0, 6));
const last = Date.parse('2026-11-24T10:02:01.158Z');

describe('tick', () => {
  it('notes quiet time after 30 s with what it is waiting on, once per second', () => {
    const v = running();
    expect(v.state).toBe('active');
    expect(tick(v, last + 29_999)).toBe(v);
    const quiet = tick(v, last + 130_400);
    expect(quiet.quiet).toEqual({ sinceMs: last, forMs: 130_000, doing: 'running exec' });
    expect(tick(quiet, last + 130_900)).toBe(quiet);
    expect(tick(quiet, last + 131_000).quiet?.forMs).toBe(131_000);
  });

  it('does not end a turn on idle while a tool is pending (a slow build is not finished)', () => {
    const v = tick(running(), last + 10 * 60_000, { idleTimeoutMs: 60_000 });
    expect(v.state).toBe('active');
    expect(v.quiet?.doing).toBe('running exec');
  });

  it('ends an idle turn with nothing pending as done at its last activity', () => {
    const waiting = replay(fixtureEntries('slow735').slice(0, 7));
    const lastResult = Date.parse('2026-11-24T10:02:07.239Z');
    expect(tick(waiting, lastResult + 59_000, { idleTimeoutMs: 60_000 }).quiet?.doing).toBe(
      'waiting for the model',
    );
    expect(tick(waiting, lastResult + 60_000, { idleTimeoutMs: 60_000 })).toMatchObject({
      state: 'done',
      endedAt: lastResult,
    });
  });

  it('caps a turn at the maximum duration as interrupted, pending or not', () => {
    const v = running();
    const capped = tick(v, v.startedAt + 1_800_000, { maxDurationMs: 1_800_000 });
    expect(capped).toMatchObject({ state: 'interrupted', endedAt: v.startedAt + 1_800_000 });
    expect(capped.quiet).toBeUndefined();
  });

  it('leaves finished turns alone and clears the note when activity resumes', () => {
    const done = replay(fixtureEntries('slow735'));
    expect(tick(done, last + 10_000_000, { idleTimeoutMs: 1, maxDurationMs: 1 })).toBe(done);
    const quiet = tick(running(), last + 40_000);
    expect(tick({ ...quiet, lastActivityAt: last + 39_000 }, last + 40_000).quiet).toBeUndefined();
  });
});
