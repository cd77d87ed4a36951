import { describe, expect, it } from 'vitest';
import {
  clampPosition,
  HIDE_AFTER_MS,
  isDrag,
  loadPrefs,
  nextVisibility,
  STORAGE_KEY,
  savePrefs,
} from './widgetState.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('nextVisibility', () => {
  it('shows as soon as a session is active and hides 5 s after the last one ends', () => {
    let v = nextVisibility({ visible: false }, 1, 0);
    expect(v).toEqual({ visible: true });
    v = nextVisibility(v, 0, 1000);
    expect(v).toEqual({ visible: true, hideAt: 1000 + HIDE_AFTER_MS });
    v = nextVisibility(v, 0, 1000 + HIDE_AFTER_MS - 1);
    expect(v.visible).toBe(true);
    v = nextVisibility(v, 0, 1000 + HIDE_AFTER_MS);
    expect(v).toEqual({ visible: false });
  });

  it('a new session during the linger cancels the hide', () => {
    let v = nextVisibility({ visible: true }, 0, 0);
    v = nextVisibility(v, 1, 2000);
    expect(v).toEqual({ visible: true });
    expect(nextVisibility(v, 1, 60_000).visible).toBe(true);
  });

  it('never shows with nothing active', () => {
    expect(nextVisibility({ visible: false }, 0, 5)).toEqual({ visible: false });
  });
});

describe('prefs', () => {
  it('round-trips position and collapsed state through storage', () => {
    const s = memoryStorage();
    savePrefs(s, { position: { x: 40, y: 80 }, collapsed: true });
    expect(loadPrefs(s)).toEqual({ position: { x: 40, y: 80 }, collapsed: true });
  });

  it('ignores malformed saved data instead of throwing', () => {
    for (const bad of [
      '{',
      'null',
      '"x"',
      '{"position":{"x":"1","y":2}}',
      '{"position":{"x":1e999,"y":2}}',
    ]) {
      expect(loadPrefs(memoryStorage({ [STORAGE_KEY]: bad }))).toEqual({ collapsed: false });
    }
  });

  it('survives a storage that throws', () => {
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadPrefs(throwing)).toEqual({ collapsed: false });
    expect(() => savePrefs(throwing, { collapsed: true })).not.toThrow();
  });
});

describe('clampPosition', () => {
  it('keeps the widget inside the viewport', () => {
    const size = { width: 300, height: 200 };
    const vp = { width: 1000, height: 700 };
    expect(clampPosition({ x: -50, y: -50 }, size, vp)).toEqual({ x: 8, y: 8 });
    expect(clampPosition({ x: 5000, y: 5000 }, size, vp)).toEqual({ x: 692, y: 492 });
    expect(clampPosition({ x: 100.4, y: 200.6 }, size, vp)).toEqual({ x: 100, y: 201 });
  });
});

describe('isDrag', () => {
  it('treats a tiny jitter as a click', () => {
    expect(isDrag({ x: 0, y: 0 }, { x: 2, y: 2 })).toBe(false);
    expect(isDrag({ x: 0, y: 0 }, { x: 10, y: 0 })).toBe(true);
  });
});
