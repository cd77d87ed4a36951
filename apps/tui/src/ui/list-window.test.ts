import { describe, expect, it } from 'vitest';
import { listWindow } from './list-window.ts';

describe('list window', () => {
  it('shows everything when it fits', () => {
    expect(listWindow(3, 2, 8)).toEqual({ start: 0, end: 3 });
  });

  it('scrolls down just enough to show a selection below the window', () => {
    expect(listWindow(20, 9, 8, 0)).toEqual({ start: 2, end: 10 });
  });

  it('does not scroll while the selection stays inside the window', () => {
    expect(listWindow(20, 5, 8, 2)).toEqual({ start: 2, end: 10 });
  });

  it('scrolls up to a selection above the window', () => {
    expect(listWindow(20, 1, 8, 6)).toEqual({ start: 1, end: 9 });
  });

  it('never leaves blank rows at the bottom after the list shrinks', () => {
    expect(listWindow(10, 9, 8, 7)).toEqual({ start: 2, end: 10 });
  });
});
