// @vitest-environment jsdom
// Hostile agent text through every host: nothing pings, nothing formats or injects markup,
// no secret survives, and the output stays bounded. The graders here are independent of the
// code under test: a port of Mattermost's mention finding (design §4) and the CommonMark
// reference parser.
import { DomStatusBox } from '@livestatus/render/dom';
import { InkStatusBox } from '@livestatus/render/ink';
import { toProps, validateProps } from '@livestatus/render/props';
import { renderMarkdown, renderText } from '@livestatus/render/text';
import type { SessionView } from '@livestatus/transcript';
import { Parser } from 'commonmark';
import { render as renderInk } from 'ink-testing-library';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';

// Only the DOM host renders through act(); declaring the whole file an act environment made
// React warn about every text- and Ink-host render, flooding the test log.
function withActEnvironment<T>(fn: () => T): T {
  const g = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  const before = g.IS_REACT_ACT_ENVIRONMENT;
  g.IS_REACT_ACT_ENVIRONMENT = true;
  try {
    return fn();
  } finally {
    g.IS_REACT_ACT_ENVIRONMENT = before;
  }
}

// --- Mattermost's mention finding, ported from its description in design §4 ------------------
// removeCodeFromMessage deletes fenced code blocks and inline code; the standard mention parser
// splits words at every character that is not a letter, digit, ':', '.', '-', '_' or '@', trims
// leading ':.-_', and matches @here/@channel/@all/@username, also with trailing '.-:_' removed.
function findMentions(message: string): string[] {
  const noCode = message.replace(
    /^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(^[ \t]*(```|~~~)[ \t]*$|(?![\s\S]))/gm,
    '',
  );
  const noInline = noCode.replace(/`+[^`\n]+?`+/g, ' ');
  const found: string[] = [];
  for (const raw of noInline.split(/[^\p{L}\p{N}:._@-]+/u)) {
    const word = raw.replace(/^[:.\-_]+/, '');
    for (const w of [word, word.replace(/[.\-:_]+$/, '')]) {
      if (/^@[\p{L}\p{N}._-]+$/u.test(w)) found.push(w.toLowerCase());
    }
  }
  return found;
}

describe('the test grader (port of Mattermost mention finding)', () => {
  it.each([
    ['@channel', ['@channel']],
    ['\\@channel', ['@channel']],
    ['hey @ALL.', ['@all.', '@all']],
    ['@here.', ['@here.', '@here']],
    ['@user.name', ['@user.name']],
    ['`@channel`', []],
    ['@\u200Bchannel', []],
    ['＠channel', []],
  ])('finds the mentions in %j', (text, expected) => {
    expect([...new Set(findMentions(text))]).toEqual(expected);
  });
});

// --- Hostile inputs -----------------------------------------------------------------------------
const SECRETS = [
  'sk-proj-AbCdEf1234567890XyZ',
  'ghp_1234567890abcdefghijABCDEFGHIJ123456',
  'AKIAIOSFODNN7EXAMPLE',
  'hunter2secret',
  'xoxb-1234567890-abcdefghijkl',
];

const HOSTILE: Array<[string, string]> = [
  ['@channel', 'Done! @channel please review'],
  ['backslash mention', 'escaped \\@channel and \\@here'],
  ['@ALL upper', 'ATTENTION @ALL'],
  ['@here with dot', 'ping @here.'],
  ['fullwidth at', '＠channel fullwidth'],
  ['user mention', 'thanks @user.name and @admin'],
  ['mention in e-mail', 'mail root@example.com'],
  ['zero-width split mention', '@\u200Bchannel @\u2060here @\uFEFFall'],
  ['heading', '# Heading'],
  ['setext heading', '==='],
  ['link', '[click me](https://evil.example/phish)'],
  ['image', '![x](https://evil.example/pixel.png)'],
  ['emphasis', '**bold** _italic_ ~~strike~~ *em*'],
  ['table', '| a | b |'],
  ['code fence', '```js'],
  ['inline code', '`code`'],
  ['html script', '<script>alert(1)</script>'],
  ['html img', '<img src=x onerror=alert(1)>'],
  ['autolink', '<https://evil.example>'],
  ['bare url', 'see https://evil.example/x and www.evil.example and evil.example/path'],
  ['list', '1. first'],
  ['bullet', '- item'],
  ['quote break-out', '> quoted'],
  ['entity', '&#64;channel &lt;b&gt;'],
  ['channel link and hashtag', '~town-square #release :smile:'],
  ['latex', '$x^2$'],
  ['link reference definition', '[ACTIVE]: https://evil.example'],
  ['rtl override', 'abc\u202Etxt.exe\u202C done'],
  ['bidi isolate', '\u2066evil\u2069 \u200F'],
  ['control characters', 'a\u0000b\u001b[31mred\u0007'],
  ['100 KB line', `${'A'.repeat(100_000)} @channel`],
  ['secret bearer', `Authorization: Bearer ${SECRETS[0]}`],
  ['secret github', `token ${SECRETS[1]}`],
  ['secret aws', `key ${SECRETS[2]}`],
  ['secret password', `password=${SECRETS[3]}`],
  ['secret slack', `using ${SECRETS[4]}`],
  ['private key', '-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ'],
];

const T0 = Date.UTC(2026, 10, 24, 12, 0, 0);

/** The hostile text in every agent-controlled field of a box. */
function hostileView(text: string): SessionView {
  return {
    key: `agent:main:${text}`,
    sessionId: text,
    agent: text,
    label: text,
    state: 'error',
    turn: 1,
    startedAt: T0,
    endedAt: T0 + 1000,
    lastActivityAt: T0,
    tokens: 10,
    compactions: 0,
    model: text,
    error: text,
    quiet: { sinceMs: T0, doing: text },
    lines: [
      { kind: 'text', id: '1', text, at: T0 },
      { kind: 'tool', id: '2', tool: text, label: text, status: 'error', detail: text, at: T0 },
      {
        kind: 'tool',
        id: '3',
        tool: 'sessions_spawn',
        label: text,
        status: 'ok',
        at: T0,
        subagent: {
          key: text,
          label: text,
          state: 'active',
          startedAt: T0,
          tokens: 0,
          lines: [{ kind: 'text', id: '4', text, at: T0 }],
        },
      },
      { kind: 'note', id: '5', note: 'error', text, at: T0 },
    ],
  };
}

const opts = { now: T0 + 5000, expandTools: true, maxChars: 4000 };

/** Block and inline node types CommonMark finds; only plain text in a quote is allowed. */
function markdownNodeTypes(md: string): Set<string> {
  const types = new Set<string>();
  const walker = new Parser().parse(md).walker();
  for (let e = walker.next(); e; e = walker.next()) types.add(e.node.type);
  return types;
}

// What a linkifier would take for a URL or an e-mail address (a U+200B is not part of a word).
const BARE_LINK =
  /https?:\/\/|www\d{0,3}\.|[\p{L}\d.-]+\.\p{L}{2,}\/|[^\s\u200B]@[^\s\u200B]+\.[^\s\u200B]|\b[a-z][a-z\d+.-]*:[/\p{L}\d%]/iu;

function expectNoSecret(out: string) {
  for (const s of SECRETS) expect(out).not.toContain(s);
  expect(out).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ');
}

function domText(view: SessionView): { html: string; text: string; elements: string[] } {
  return withActEnvironment(() => renderDom(view));
}

function renderDom(view: SessionView): { html: string; text: string; elements: string[] } {
  const container = document.createElement('div');
  const root = createRoot(container);
  act(() => root.render(<DomStatusBox view={view} options={opts} />));
  const out = {
    html: container.innerHTML,
    text: container.textContent ?? '',
    elements: [...container.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
  };
  act(() => root.unmount());
  return out;
}

describe.each(HOSTILE)('hostile agent text: %s', (_name, text) => {
  const view = hostileView(text);

  it('Markdown host: no ping, only quoted plain text, no autolink, no secret, bounded', () => {
    const md = renderMarkdown(view, opts);
    expect(findMentions(md)).toEqual([]);
    expect([...markdownNodeTypes(md)].sort()).toEqual(
      ['block_quote', 'document', 'paragraph', 'softbreak', 'text'].filter(
        (t) => t !== 'softbreak' || md.includes('\n'),
      ),
    );
    expect(md.replace(/\u200B/g, ' ')).not.toMatch(/<|>(?!\s)/);
    expect(BARE_LINK.test(md)).toBe(false);
    expect(md).not.toMatch(/^(?!> )/m);
    expectNoSecret(md);
    expect([...md].length).toBeLessThanOrEqual(4000);
  });

  it('text host: no ping, no control or bidi characters, no secret, bounded', () => {
    const out = renderText(view, opts);
    expect(findMentions(out)).toEqual([]);
    expect(out).not.toMatch(
      /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F\u2060\uFEFF]/,
    );
    expectNoSecret(out);
    expect([...out].length).toBeLessThanOrEqual(4000);
    for (const line of out.split('\n')) expect([...line].length).toBeLessThanOrEqual(400);
  });

  it('props host: validates, no ping in any stored string, no secret, small', () => {
    const props = toProps(view);
    const json = JSON.stringify(props);
    expect(validateProps(JSON.parse(json)).ok).toBe(true);
    expect(findMentions(JSON.parse(json).L.flat(3).join(' '))).toEqual([]);
    expectNoSecret(json);
    expect(json.length).toBeLessThan(16_000);
  });

  it('DOM host (React 19): text nodes only, no secret, no bidi override', () => {
    const { html, text: shown, elements } = domText(view);
    expect(new Set(elements)).toEqual(new Set(['div', 'span']));
    expect(html).not.toMatch(/<(script|img|a|strong|em|h1|table|code)\b/);
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(findMentions(shown)).toEqual([]);
    expectNoSecret(html);
  });

  it('Ink host: no secret, no raw escape sequences from the agent, bounded rows', () => {
    const { lastFrame, unmount } = renderInk(<InkStatusBox view={view} options={opts} />);
    const frame = lastFrame() ?? '';
    unmount();
    expectNoSecret(frame);
    // The only escape sequences are Ink's own colours.
    expect(frame.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(renderText(view, opts).split('\n').length);
  });
});
