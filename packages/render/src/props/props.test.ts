import { describe, expect, it } from 'vitest';
import { activeView, longView, seedView, T0 } from '../testing/views.ts';
import { renderText } from '../text/render-text.ts';
import { fromProps, PROPS_LIMITS, toProps, validateProps } from './index.ts';

describe('toProps / fromProps', () => {
  it('round-trips to a view that draws the same box', () => {
    for (const view of [seedView(), activeView(), longView(40)]) {
      const props = JSON.parse(JSON.stringify(toProps(view)));
      for (const now of [T0, T0 + 158_000]) {
        expect(renderText(fromProps(props), { now })).toBe(renderText(view, { now }));
      }
    }
  });
  it('keeps only the lines a box shows and counts the rest', () => {
    const props = toProps(longView(40), { maxLines: 15 });
    expect(props.L).toHaveLength(15);
    expect(props.d).toBe(25);
  });
  it('stores redacted, defused, one-line text only', () => {
    const view = seedView();
    const first = view.lines[0];
    if (first?.kind === 'text') first.text = 'use token=abc123secretvalue and ping @channel\nsecond line';
    const json = JSON.stringify(toProps(view));
    expect(json).not.toContain('abc123secretvalue');
    expect(json).not.toContain('@channel');
    expect(json).not.toContain('second line');
  });
});

describe('validateProps', () => {
  const good = () => JSON.parse(JSON.stringify(toProps(seedView())));

  it('accepts what toProps wrote', () => {
    expect(validateProps(good())).toMatchObject({ ok: true });
  });

  const forged: Array<[string, (p: Record<string, unknown>) => unknown]> = [
    ['not an object', () => 'hello'],
    ['null', () => null],
    ['an unknown version', (p) => ({ ...p, v: 2 })],
    ['an unknown state', (p) => ({ ...p, s: 'x' })],
    ['a NaN number', (p) => ({ ...p, tk: Number.NaN })],
    ['an infinite number', (p) => ({ ...p, t0: Number.POSITIVE_INFINITY })],
    ['a negative number', (p) => ({ ...p, tk: -1 })],
    ['a string where a number belongs', (p) => ({ ...p, n: '1' })],
    ['an oversized string', (p) => ({ ...p, l: 'x'.repeat(PROPS_LIMITS.string + 1) })],
    [
      'too many lines',
      (p) => ({ ...p, L: Array.from({ length: PROPS_LIMITS.lines + 1 }, () => ['t', 'x']) }),
    ],
    ['an unknown line kind', (p) => ({ ...p, L: [['z', 'x']] })],
    ['an unknown tool status', (p) => ({ ...p, L: [['x', 'exec', 'exec: ls', 'q', '']] })],
    ['a line with extra fields', (p) => ({ ...p, L: [['t', 'x', 'y']] })],
    ['lines that are not an array', (p) => ({ ...p, L: { 0: ['t', 'x'] } })],
    [
      'too much text in all',
      (p) => ({ ...p, L: Array.from({ length: 150 }, () => ['t', 'x'.repeat(1999)]) }),
    ],
    [
      'sub-agents nested too deep',
      (p) => {
        let L: unknown[] = [['t', 'deepest']];
        for (let i = 0; i < PROPS_LIMITS.depth + 1; i++)
          L = [['x', 's', 's', 'o', '', { k: 'k', l: 'l', s: 'a', t0: 0, tk: 0, L }]];
        return { ...p, L };
      },
    ],
    [
      'a throwing getter',
      (p) =>
        Object.defineProperty({ ...p }, 'L', {
          enumerable: true,
          get() {
            throw new Error('boom');
          },
        }),
    ],
  ];

  it.each(forged)('rejects %s with a clear error', (_name, make) => {
    const result = validateProps(make(good()));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^invalid livestatus props: /);
  });

  it('never echoes forged content in its error', () => {
    const result = validateProps({ ...good(), l: 42, L: [['t', 'sk-secretvalue1234567890']] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toContain('secretvalue');
  });
});
