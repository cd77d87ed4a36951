// Mattermost Markdown for the REST-fallback post: the box as a blockquote (seed style) in which
// no text — ours or the agent's — can format, link, embed or ping. Mattermost renders `message`
// with its marked fork (escapable: `*_{}[]()#+-.!|~>` and backtick) and then linkifies
// @mentions, ~channels, #hashtags, :emoji: and URLs in the resulting text, and it computes
// notifications from the raw text (design §4). So:
// - characters marked cannot escape become entities (`&`, `<`, `>`, `\`, `$`),
// - markdown punctuation is backslash-escaped,
// - a U+200B goes after `@ ~ #` (a word break for the mention finder and the linkifiers), after
//   a `:` that is not followed by a space (URL schemes, :emoji:) and before a `.` inside a word
//   (www. and domain.tld/ autolinks, e-mail addresses),
// - indentation uses no-break spaces (plain spaces would be swallowed or start a code block).
import { ZWSP } from '../safety/sanitize.ts';
import { type DocLine, lineText } from './document.ts';

/** The Mattermost message limit in runes (PostMessageMaxRunesV2). */
export const MATTERMOST_MAX_RUNES = 16_383;

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\\': '&#92;', $: '&#36;' };
const BACKSLASH = new Set(['`', '*', '_', '{', '}', '[', ']', '(', ')', '#', '+', '-', '!', '|', '~']);
const BREAK_AFTER = new Set(['@', '\uFF20', '~', '#']);
const NEEDS_WORK = /[&<>\\$`*_{}[\]()#+\-!|~@\uFF20:.=]/;

/** Escapes one line of text so Mattermost shows it literally. */
export function escapeMarkdownText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  // A line starting `=` could underline the line above into a heading.
  let out = text.startsWith('=') ? ZWSP : '';
  let digitsSoFar = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    const entity = ENTITY[ch];
    if (entity) out += entity;
    else if (BACKSLASH.has(ch)) out += `\\${ch}`;
    // `1.` at the start of a line would open an ordered list.
    else if (ch === '.' && digitsSoFar && i > 0) out += '\\.';
    else if (ch === '.' && next !== undefined && next !== ' ' && next !== '.' && i > 0) out += `${ZWSP}.`;
    else out += ch;
    digitsSoFar &&= ch >= '0' && ch <= '9';
    if (BREAK_AFTER.has(ch) && next !== ZWSP) out += ZWSP;
    // `:` before a non-space starts a URL scheme or an :emoji:; `==` could underline a heading.
    else if ((ch === ':' || ch === '=') && next !== undefined && next !== ' ' && next !== ZWSP) out += ZWSP;
  }
  return out;
}

const NBSP2 = '\u00A0\u00A0';

/** A blockquote, every line prefixed with `> `. */
export function toMarkdown(lines: readonly DocLine[]): string {
  return lines.map((l) => `> ${NBSP2.repeat(l.indent)}${escapeMarkdownText(lineText(l))}`).join('\n');
}
