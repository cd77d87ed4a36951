// Agent text is untrusted: before any host draws it, it is flattened to one visible line with no
// control characters, no bidi overrides and no invisible characters (which could hide or reorder
// what a reader sees, or smuggle a mention past a filter), its secrets are redacted and it is cut
// to a bound without splitting a character.
import { redactSecrets } from './redact.ts';

export const ELLIPSIS = '…';
/** U+200B, placed after `@` so Mattermost's mention finder sees a bare `@` (design §4). */
export const ZWSP = '\u200B';

// Bidi embeddings/overrides/isolates and marks, zero-width and invisible format characters,
// interlinear annotations and Unicode tag characters (used to smuggle hidden text).
const INVISIBLE =
  /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF0-\uFFFB\u{E0000}-\u{E007F}]|\u034F|\u17B4|\u17B5|[\u180B-\u180D\u180F]/gu;
// C0/C1 controls and line/paragraph separators become spaces so words do not run together.
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g;
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029\v\f]/;
// Agent lines longer than this are cut before the regexes run, so a 100 KB line costs no more
// than a short one; the display bound is far below it.
const PRE_CUT_UNITS = 4096;

/** Removes control, bidi-override and zero-width characters; keeps everything else. */
export function stripUnsafe(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, ' ');
}

/** `@` followed by U+200B: Mattermost splits words there, so nothing after it can ping. */
export function defuseMentions(text: string): string {
  return text.includes('@') || text.includes('\uFF20') ? text.replace(/[@\uFF20]/g, `$&${ZWSP}`) : text;
}

/** The first non-blank line of `text`. */
export function firstLine(text: string): string {
  if (!LINE_BREAK.test(text)) return text;
  for (const line of text.split(LINE_BREAK)) if (line.trim()) return line;
  return '';
}

let segmenter: Intl.Segmenter | undefined;

/** Number of code points (Mattermost counts runes). */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

/**
 * Cuts `text` to at most `max` code points, ellipsis included, at a grapheme boundary: never
 * inside a surrogate pair, an emoji sequence or a base letter with its combining marks.
 */
export function truncateGraphemes(text: string, max: number): string {
  if (text.length <= max) return text;
  if (codePointLength(text) <= max) return text;
  if (max <= 0) return '';
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const budget = max - 1;
  let used = 0;
  let end = 0;
  for (const { segment, index } of segmenter.segment(text)) {
    const size = codePointLength(segment);
    if (used + size > budget) break;
    used += size;
    end = index + segment.length;
  }
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** Cuts a string at a code point boundary to at most `units` UTF-16 units. */
function preCut(text: string, units: number): string {
  if (text.length <= units) return text;
  const c = text.charCodeAt(units - 1);
  return text.slice(0, c >= 0xd800 && c <= 0xdbff ? units - 1 : units);
}

/**
 * Everything agent-derived goes through here before a host sees it: one line, no unsafe
 * characters, secrets redacted, mentions defused, at most `max` code points.
 */
export function cleanAgentText(text: string, max: number): string {
  const line = preCut(firstLine(text), PRE_CUT_UNITS);
  const visible = stripUnsafe(line).replace(/\s+/g, ' ').trim();
  return truncateGraphemes(defuseMentions(redactSecrets(visible)), max);
}
