import { describe, expect, it } from 'vitest';
import { activeView, longView, seedView, T0 } from '../testing/views.ts';
import { renderMarkdown, renderText } from './render-text.ts';

describe('renderText', () => {
  it('draws the seed example exactly', () => {
    expect(renderText(seedView(), { now: T0 + 60_000 })).toBe(
      [
        '[DONE] main | 53s',
        'Reading live-status source code...',
        '  exec: ls /agents/sessions [OK]',
        'Analyzing agent configurations...',
        '  exec: grep -r live-status [OK]',
        'Writing new implementation...',
        '  Sub-agent: proj035-planner',
        '    Reading protocol...',
        '    Analyzing JSONL format...',
        '    [DONE] 28s',
        'Plan ready. Awaiting approval.',
        '[DONE] 53s | 12.4k tokens',
      ].join('\n'),
    );
  });
});

describe('renderText of a live turn', () => {
  const now = T0 + 158_000;
  it('shows elapsed time from the injected clock, quiet time, pending tools without a marker', () => {
    expect(renderText(activeView(), { now })).toBe(
      [
        '[ACTIVE] main | 2m38s (quiet 2m30s: running exec)',
        'Building the project',
        '  exec: npm test [ERR]',
        '[session compacted - continuing]',
        '  exec: npm run build',
      ].join('\n'),
    );
  });
  it('is deterministic: the same view and clock draw the same box', () => {
    expect(renderText(activeView(), { now })).toBe(renderText(activeView(), { now }));
  });
  it('shows tool details when tools are expanded', () => {
    expect(renderText(activeView(), { now, expandTools: true })).toContain('  exec: npm test [ERR] (exit 1)');
  });
  it('puts tokens and cost in the header in compact mode and leaves out the footer', () => {
    const done = { ...activeView(), state: 'done' as const, endedAt: T0 + 60_000 };
    const out = renderText(done, { now, compact: true });
    expect(out.split('\n')[0]).toBe('[DONE] main | 1m00s | 950 tokens | $0.0123');
    expect(out.split('\n').at(-1)).toBe('  exec: npm run build');
  });
  it('ends a finished turn with a footer showing cost where reported', () => {
    const done = { ...activeView(), state: 'done' as const, endedAt: T0 + 60_000 };
    expect(renderText(done, { now }).split('\n').at(-1)).toBe('[DONE] 1m00s | 950 tokens | $0.0123');
  });
  it('shows why a turn failed', () => {
    const failed = {
      ...activeView(),
      state: 'error' as const,
      endedAt: T0 + 5_000,
      error: '500 Internal Server Error',
    };
    const lines = renderText(failed, { now }).split('\n');
    expect(lines.slice(-2)).toEqual([
      'Error: 500 Internal Server Error',
      '[ERROR] 5s | 950 tokens | $0.0123',
    ]);
  });
});

describe('renderText bounds', () => {
  it('keeps the newest lines and counts the older ones', () => {
    const out = renderText(longView(40), { now: T0, maxLines: 15 }).split('\n');
    expect(out[1]).toBe('… 25 earlier lines');
    expect(out[2]).toBe('line 26');
    expect(out.at(-2)).toBe('line 40');
    expect(out).toHaveLength(1 + 1 + 15 + 1);
  });
  it('adds lines the reducer already dropped to the count', () => {
    const view = { ...longView(3), droppedLines: 7 };
    expect(renderText(view, { now: T0 }).split('\n')[1]).toBe('… 7 earlier lines');
  });
  it('draws a sub-agent as one line when sub-agents are collapsed', () => {
    expect(renderText(seedView(), { now: T0, expandSubagents: false })).toContain(
      '  Sub-agent: proj035-planner [DONE] 28s\nPlan ready.',
    );
  });
  it('gives a busy sub-agent half the rows so the parent stays in view', () => {
    const view = seedView();
    const spawn = view.lines[5];
    if (spawn?.kind !== 'tool' || !spawn.subagent) throw new Error('fixture changed');
    spawn.subagent.lines = longView(30).lines;
    const out = renderText(view, { now: T0, maxLines: 10 });
    expect(out).toContain('    … 25 earlier lines\n    line 26\n');
    expect(out.split('\n').length).toBeLessThanOrEqual(10 + 3);
  });
  it('drops more old lines rather than exceed maxChars, keeping header and footer', () => {
    const view = longView(15);
    for (const l of view.lines) if (l.kind === 'text') l.text = `${l.text} ${'x'.repeat(150)}`;
    const out = renderText(view, { now: T0, maxChars: 1000 });
    expect([...out].length).toBeLessThanOrEqual(1000);
    expect(out.startsWith('[DONE] main | 53s\n… ')).toBe(true);
    expect(out.endsWith('[DONE] 53s | 12.4k tokens')).toBe(true);
  });
});

describe('renderMarkdown', () => {
  it('is the seed box as a blockquote, indentation kept with no-break spaces', () => {
    const md = renderMarkdown(seedView(), { now: T0 });
    const lines = md.split('\n');
    expect(lines.every((l) => l.startsWith('> '))).toBe(true);
    expect(lines[0]).toBe('> \\[DONE\\] main \\| 53s');
    expect(lines[2]).toBe('> \u00A0\u00A0exec: ls /agents/sessions \\[OK\\]');
    expect(lines[9]).toBe('> \u00A0\u00A0\u00A0\u00A0\\[DONE\\] 28s');
  });
  it('never exceeds the Mattermost limit of 16383 runes', () => {
    const view = longView(15);
    for (const l of view.lines) if (l.kind === 'text') l.text = '<'.repeat(199);
    const md = renderMarkdown(view, { now: T0, maxChars: 100_000 });
    expect([...md].length).toBeLessThanOrEqual(16_383);
  });
});
