import { describe, expect, it } from 'vitest';
import { paneHeights } from './pane-heights.ts';

describe('pane heights', () => {
  it('80×24 with many sessions: 8 list rows, 13 box rows (header, separator and help bar take 3)', () => {
    expect(paneHeights(24, 'list', 30)).toEqual({ list: 8, box: 13 });
  });

  it('a short list takes only the rows it needs', () => {
    expect(paneHeights(24, 'list', 2)).toEqual({ list: 2, box: 19 });
  });

  it('an empty list keeps one row for its message', () => {
    expect(paneHeights(24, 'list', 0)).toEqual({ list: 1, box: 20 });
  });

  it('the full view gives the box everything but header and help bar', () => {
    expect(paneHeights(24, 'detail', 30)).toEqual({ list: 0, box: 22 });
  });

  it('a tiny terminal still gets a row for each pane', () => {
    const h = paneHeights(6, 'list', 10);
    expect(h.list).toBeGreaterThanOrEqual(1);
    expect(h.box).toBeGreaterThanOrEqual(1);
  });
});
