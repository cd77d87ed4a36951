// An independent port of how Mattermost decides who a post notifies: `removeCodeFromMessage`
// (server/channels/app/notification.go) and `StandardMentionParser.ProcessText`
// (server/channels/app/mention_parser_standard.go). It deliberately imports nothing from
// `packages/`, so safety tests of our own neutraliser are graded by Mattermost's rules, not by itself.

/** What one message would notify. */
export interface MentionResult {
  /** `@here`, `@channel` or `@all` appeared (any case). */
  channelWide: boolean;
  here: boolean;
  channel: boolean;
  all: boolean;
  /** Known usernames (lower-cased) that were mentioned, in first-mention order. */
  users: string[];
  /** `@words` that matched no known user (Mattermost's OtherPotentialMentions). */
  otherPotential: string[];
}

// Go's regexp semantics spelled out for JS: `.` is "not \n", `\s` is ASCII-only, multi-line `^`/`$`
// are only about \n, `\z` is the end of text.
const GO_SPACE_NO_NL = '[\\t\\f\\r ]';
const GO_NON_SPACE = '[^\\t\\n\\f\\r ]';
const LINE_START = '(?<![^\\n])';
const LINE_END = '(?![^\\n])';
const TEXT_END = '(?![\\s\\S])';

// codeBlockPattern: "(?m)^[^\\S\n]*[\\`~]{3}.*$[\\s\\S]+?(^[^\\S\n]*[`~]{3}$|\\z)"
const codeBlockPattern = new RegExp(
  `${LINE_START}${GO_SPACE_NO_NL}*[\`~]{3}[^\\n]*${LINE_END}[\\s\\S]+?(?:${LINE_START}${GO_SPACE_NO_NL}*[\`~]{3}${LINE_END}|${TEXT_END})`,
  'g',
);
// inlineCodePattern: "(?m)\\`+(?:.+?|.*?\n(.*?\\S.*?\n)*.*?)\\`+"
const inlineCodePattern = new RegExp(
  `\`+(?:[^\\n]+?|[^\\n]*?\\n(?:[^\\n]*?${GO_NON_SPACE}[^\\n]*?\\n)*[^\\n]*?)\`+`,
  'g',
);

/** Deletes fenced code blocks and replaces inline code with a space, as Mattermost does first. */
export function removeCodeFromMessage(message: string): string {
  let out = message;
  if (out.includes('```') || out.includes('~~~')) out = out.replace(codeBlockPattern, '');
  if (out.includes('`')) out = out.replace(inlineCodePattern, ' ');
  return out;
}

const WORD_CHAR = /[:.\-_@\p{L}\p{N}]/u;
const SYSTEM_MENTIONS = new Set(['@here', '@channel', '@all']);

function splitFields(text: string, isSeparator: (ch: string) => boolean): string[] {
  const words: string[] = [];
  let current = '';
  for (const ch of text) {
    if (isSeparator(ch)) {
      if (current) words.push(current);
      current = '';
    } else current += ch;
  }
  if (current) words.push(current);
  return words;
}

function isMultibyte(s: string): boolean {
  return Buffer.byteLength(s, 'utf8') !== [...s].length;
}

class Parser {
  readonly result: MentionResult = {
    channelWide: false,
    here: false,
    channel: false,
    all: false,
    users: [],
    otherPotential: [],
  };
  readonly #keywords: Map<string, string>;
  readonly #multibyte: string[];

  constructor(usernames: Iterable<string>) {
    this.#keywords = new Map();
    for (const name of usernames) this.#keywords.set(`@${name.toLowerCase()}`, name.toLowerCase());
    this.#multibyte = [...this.#keywords.keys()].filter(isMultibyte);
  }

  #addUser(name: string): void {
    if (!this.result.users.includes(name)) this.result.users.push(name);
  }

  checkForMention(word: string): boolean {
    const lower = word.toLowerCase();
    if (lower === '@here') this.result.here = true;
    else if (lower === '@channel') this.result.channel = true;
    else if (lower === '@all') this.result.all = true;
    const user = this.#keywords.get(lower) ?? this.#keywords.get(word);
    if (user === undefined) return false;
    this.#addUser(user);
    return true;
  }

  processText(text: string): void {
    const words = splitFields(text, (ch) => !WORD_CHAR.test(ch));
    for (let word of words) {
      // ':word:' is taken for an emoji
      if (word.startsWith(':') && word.endsWith(':')) continue;
      word = word.replace(/^[:.\-_]+/, '');
      if (this.checkForMention(word)) continue;

      let withoutSuffix = word;
      let foundWithoutSuffix = false;
      while (withoutSuffix !== '' && '.-:_'.includes(withoutSuffix.at(-1) ?? '')) {
        withoutSuffix = withoutSuffix.slice(0, -1);
        if (this.checkForMention(withoutSuffix)) {
          foundWithoutSuffix = true;
          break;
        }
      }
      if (foundWithoutSuffix) continue;

      if (!SYSTEM_MENTIONS.has(word) && word.startsWith('@')) {
        const trimmed = '.-:'.includes(word.at(-1) ?? '') ? word.slice(0, -1) : word;
        this.result.otherPotential.push(trimmed.slice(1));
      } else if (/[.\-:]/.test(word)) {
        for (const part of splitFields(word, (ch) => ch === '.' || ch === '-' || ch === ':')) {
          if (this.checkForMention(part)) continue;
          if (!SYSTEM_MENTIONS.has(part) && part.startsWith('@'))
            this.result.otherPotential.push(part.slice(1));
        }
      }

      if (isMultibyte(word)) {
        for (const keyword of this.#multibyte) {
          const user = this.#keywords.get(keyword);
          if (word.includes(keyword) && user !== undefined) this.#addUser(user);
        }
      }
    }
    this.result.channelWide = this.result.here || this.result.channel || this.result.all;
  }
}

/**
 * Who a message would notify in Mattermost, given the usernames that exist (channel members).
 * `texts` beyond the message are processed too (Mattermost also scans attachment pretext/text/fields).
 */
export function findMentions(
  message: string,
  knownUsernames: Iterable<string>,
  extraTexts: readonly string[] = [],
): MentionResult {
  const parser = new Parser(knownUsernames);
  parser.processText(removeCodeFromMessage(message));
  for (const text of extraTexts) parser.processText(text);
  return parser.result;
}
