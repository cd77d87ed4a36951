import { describe, expect, it } from 'vitest';
import { formatTable, meetsGoal, validateFigures } from './table.mjs';

describe('bench table', () => {
  it('rejects figures that do not follow the design §9 format', () => {
    expect(validateFigures([{ name: 'x', value: Number.NaN, unit: 'ms' }])).toEqual([
      'x: value must be a finite number',
    ]);
    expect(validateFigures([{ name: 'Bad Name', value: 1, unit: 'ms' }])).toEqual(['Bad Name: bad name']);
    expect(validateFigures([{ name: 'x', value: 1, unit: 'ms', goal: { op: '<', value: 1 } }])).toHaveLength(
      1,
    );
    expect(validateFigures([{ name: 'x', value: 1, unit: 'ms', goal: { op: '<=', value: 2 } }])).toEqual([]);
  });

  it('marks goals met or missed in both directions', () => {
    expect(meetsGoal({ value: 5, goal: { op: '<=', value: 5 } })).toBe(true);
    expect(meetsGoal({ value: 6, goal: { op: '<=', value: 5 } })).toBe(false);
    expect(meetsGoal({ value: 0.5, goal: { op: '>=', value: 0.6 } })).toBe(false);
    expect(meetsGoal({ value: 1 })).toBeUndefined();
  });

  it('prints one row per figure with baselines and the verdict', () => {
    const out = formatTable([
      {
        name: 'render_text_us',
        value: 42.5,
        unit: 'us',
        goal: { op: '<=', value: 1000 },
        baselines: { template: 3.2 },
      },
      { name: 'props_bytes', value: 20000, unit: 'B', goal: { op: '<=', value: 16000 } },
    ]);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^figure\s+value\s+unit\s+goal\s+baselines\s+result$/);
    expect(lines[2]).toMatch(/^render_text_us\s+42\.50\s+us\s+<= 1000\s+template=3\.200\s+pass$/);
    expect(lines[3]).toMatch(/^props_bytes\s+20000\s+B\s+<= 16000\s+MISS$/);
  });
});
