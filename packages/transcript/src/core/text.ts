// Text bounding shared by the parser, the labeler and the reducer. Mattermost counts runes and
// OpenClaw truncates by code point, so every limit here counts code points, never UTF-16 units:
// cutting between a surrogate pair would leave a broken character in a post.

export const ELLIPSIS = '…';

/** Cut `text` to at most `max` code points; a cut text ends with an ellipsis (counted). */
export function truncateCodePoints(text: string, max: number): string {
  // Fast path: a string with no more UTF-16 units than `max` cannot have more code points.
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let count = 0;
  let index = 0;
  let keepEnd = 0;
  for (const ch of text) {
    count++;
    if (count > max) return `${text.slice(0, keepEnd)}${ELLIPSIS}`;
    index += ch.length;
    if (count === max - 1) keepEnd = index;
  }
  return text;
}

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The first non-blank line of `text`, trimmed. */
export function firstLine(text: string): string {
  for (const line of text.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (t) return t;
  }
  return '';
}

/** One line, bounded: control characters and line breaks become spaces, runs of space collapse. */
export function oneLine(text: string, max: number): string {
  const flat = text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return truncateCodePoints(flat, max);
}

/** UTF-8 byte length without Buffer (the labeler also runs in the browser). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
