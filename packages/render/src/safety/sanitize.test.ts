import { describe, expect, it } from 'vitest';
import {
  cleanAgentText,
  codePointLength,
  defuseMentions,
  stripUnsafe,
  truncateGraphemes,
  ZWSP,
} from './sanitize.ts';

describe('stripUnsafe', () => {
  it('removes bidi overrides, isolates and marks so text cannot be reordered', () => {
    expect(stripUnsafe('abc\u202Eevil\u202C \u2066x\u2069 \u200Fy')).toBe('abcevil x y');
  });
  it('removes zero-width and tag characters used to hide text', () => {
    expect(stripUnsafe('@\u200Bch\u200Can\u2060nel\uFEFF \u{E0041}\u{E0042}')).toBe('@channel ');
  });
  it('turns control characters into spaces so words stay apart', () => {
    expect(stripUnsafe('a\u0000b\u001b[31mc\u0085d')).toBe('a b [31mc d');
  });
});

describe('truncateGraphemes', () => {
  it('keeps short text as is', () => {
    expect(truncateGraphemes('hello', 5)).toBe('hello');
  });
  it('counts code points, not UTF-16 units', () => {
    const text = '😀'.repeat(5);
    expect(text.length).toBe(10);
    expect(truncateGraphemes(text, 5)).toBe(text);
    expect(truncateGraphemes(text, 4)).toBe('😀😀😀…');
  });
  it('never splits a surrogate pair, a flag or a letter from its combining accent', () => {
    for (const unit of ['😀', '🇩🇪', 'e\u0301', '👍🏽']) {
      const text = unit.repeat(20);
      for (let max = 1; max < 30; max++) {
        const out = truncateGraphemes(text, max);
        expect(codePointLength(out)).toBeLessThanOrEqual(max);
        const body = out.endsWith('…') ? out.slice(0, -1) : out;
        expect(body.split(unit).join('')).toBe('');
      }
    }
  });
});

describe('defuseMentions', () => {
  it('puts a zero-width space after every at sign', () => {
    expect(defuseMentions('hi @channel and ＠all')).toBe(`hi @${ZWSP}channel and ＠${ZWSP}all`);
  });
});

describe('cleanAgentText', () => {
  it('keeps only the first non-blank line', () => {
    expect(cleanAgentText('\n\n  first line  \nsecond', 100)).toBe('first line');
  });
  it('is idempotent, so text cleaned for props is unchanged when drawn again', () => {
    const once = cleanAgentText('ping @here with token=abcdef123456 and 😀'.repeat(10), 60);
    expect(cleanAgentText(once, 60)).toBe(once);
  });
  it('bounds a 100 KB line and redacts a secret at its start', () => {
    const out = cleanAgentText(`sk-${'a1B2'.repeat(10)} ${'x'.repeat(100_000)}`, 200);
    expect(codePointLength(out)).toBeLessThanOrEqual(200);
    expect(out).toMatch(/^\[REDACTED\] x+…$/);
  });
});
