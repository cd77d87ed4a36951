// Whether two views would draw the same box. `leafId` moves on every bookkeeping entry without
// changing anything a host shows, and composing sub-agents builds new line objects each time, so
// identity alone would re-render boxes that did not change.
import type { SessionView, ViewLine } from '../types.ts';

export function sameView(a: SessionView, b: SessionView): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (k === 'leafId') continue;
    const x = a[k as keyof SessionView];
    const y = b[k as keyof SessionView];
    if (x === y) continue;
    if (k === 'lines' && sameLines(a.lines, b.lines)) continue;
    return false;
  }
  return true;
}

function sameLines(a: ViewLine[], b: ViewLine[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.kind !== 'tool' || y.kind !== 'tool' || !x.subagent || !y.subagent) return false;
    const { subagent: sx, ...rx } = x;
    const { subagent: sy, ...ry } = y;
    if (!shallowEqual(rx, ry) || !shallowEqual({ ...sx, lines: null }, { ...sy, lines: null })) return false;
    if (!sameLines(sx.lines, sy.lines)) return false;
  }
  return true;
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}
