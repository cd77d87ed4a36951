import { describe, expect, it } from 'vitest';
import { findMentions, removeCodeFromMessage } from './mentions.ts';

// Cases copied from Mattermost's own tests (current master; the @here table is TestGetExplicitMentionsAtHere):
//   server/channels/app/notification_test.go  (TestRemoveCodeFromMessage, TestGetExplicitMentionsAtHere,
//                                             TestGetExplicitMentions)
//   server/channels/app/mention_parser_standard_test.go (TestCheckForMentionUsers, TestProcessText)
// in github.com/mattermost/mattermost.

describe('removeCodeFromMessage (notification_test.go TestRemoveCodeFromMessage)', () => {
  const cases: Array<[string, string]> = [
    ['this is regular text', 'this is regular text'],
    ['this is text with\n```\na code block\n```\nin it', 'this is text with\n\nin it'],
    ['this is text with\n```javascript\na JS code block\n```\nin it', 'this is text with\n\nin it'],
    ['this is text with\n```java script?\na JS code block\n```\nin it', 'this is text with\n\nin it'],
    ['this is text with an empty\n```\n\n\n\n```\nin it', 'this is text with an empty\n\nin it'],
    ['this is text with\n```\ntwo\n```\ncode\n```\nblocks\n```\nin it', 'this is text with\n\ncode\n\nin it'],
    ['this is text with indented\n  ```\ncode\n  ```\nin it', 'this is text with indented\n\nin it'],
    ['this is text ending with\n```\nan unfinished code block', 'this is text ending with\n'],
    ['this is `code` in a sentence', 'this is   in a sentence'],
    ['this is `two` things of `code` in a sentence', 'this is   things of   in a sentence'],
    ['this is `code with spaces` in a sentence', 'this is   in a sentence'],
    ['this is `code\nacross multiple` lines', 'this is   lines'],
    ['this is `code\non\nmany\ndifferent` lines', 'this is   lines'],
    ['this is `\ncode on its own line\n` across multiple lines', 'this is   across multiple lines'],
    ['this is `\n    some more code    \n` across multiple lines', 'this is   across multiple lines'],
    ['this is `\ncode` on its own line', 'this is   on its own line'],
    ['this is `code\n` on its own line', 'this is   on its own line'],
    [
      'this is *italics mixed with `code in a way that has the code` take precedence*',
      'this is *italics mixed with   take precedence*',
    ],
    ['this is code within a wo` `rd for some reason', 'this is code within a wo rd for some reason'],
    [
      'this is `not\n\ncode` because it has a blank line',
      'this is `not\n\ncode` because it has a blank line',
    ],
    [
      'this is `not\n    \ncode` because it has a line with only whitespace',
      'this is `not\n    \ncode` because it has a line with only whitespace',
    ],
    ['this is just `` two backquotes', 'this is just `` two backquotes'],
    ['these are ``multiple backquotes`` around code', 'these are   around code'],
    ['this is text with\n~~~\na code block\n~~~\nin it', 'this is text with\n\nin it'],
  ];
  it.each(cases)('strips code from %j', (input, expected) => {
    expect(removeCodeFromMessage(input)).toBe(expected);
  });
});

describe('@here boundaries (notification_test.go TestGetExplicitMentionsAtHere)', () => {
  const cases: Record<string, boolean> = {
    '': false,
    here: false,
    '@here': true,
    ' @here ': true,
    '\n@here\n': true,
    '!@here!': true,
    '#@here#': true,
    '$@here$': true,
    '%@here%': true,
    '^@here^': true,
    '&@here&': true,
    '*@here*': true,
    '(@here(': true,
    ')@here)': true,
    '-@here-': true,
    '_@here_': true, // older versions said false; the current suffix loop trims the '_'
    '=@here=': true,
    '+@here+': true,
    '[@here[': true,
    '{@here{': true,
    ']@here]': true,
    '}@here}': true,
    '\\@here\\': true,
    '|@here|': true,
    ';@here;': true,
    '@here:': true,
    ':@here:': false, // follows the :emoji: format
    "'@here'": true,
    '"@here"': true,
    ',@here,': true,
    '<@here<': true,
    '.@here.': true,
    '>@here>': true,
    '/@here/': true,
    '?@here?': true,
    '`@here`': false, // inline code
    '~@here~': true,
    '@HERE': true,
    '@hERe': true,
  };
  for (const [message, shouldMention] of Object.entries(cases)) {
    it(`${JSON.stringify(message)} ${shouldMention ? 'mentions' : 'does not mention'} @here`, () => {
      expect(findMentions(message, []).here).toBe(shouldMention);
    });
  }

  it('"@here @user @potential" mentions here, the user, and one potential user', () => {
    const r = findMentions('@here @user @potential', ['user']);
    expect(r.here).toBe(true);
    expect(r.users).toEqual(['user']);
    expect(r.otherPotential).toEqual(['potential']);
  });
});

describe('user and keyword mentions (mention_parser_standard_test.go, notification_test.go)', () => {
  it.each([
    ['@User', ['user']],
    ['@user', ['user']],
    ['@UsEr2', ['user2']],
    ['hello user @user1', ['user1']],
    ['hello user.@user1', ['user1']],
    ['hello user-@user1', ['user1']],
    ['hello user:@user1', ['user1']],
    ['@user1, you can use @systembot to get help', ['user1']],
    ['*@aaa @bbb @ccc*', ['aaa', 'bbb', 'ccc']],
    ['**@aaa @bbb @ccc**', ['aaa', 'bbb', 'ccc']],
    ['~~@aaa @bbb @ccc~~', ['aaa', 'bbb', 'ccc']],
    ['### @aaa', ['aaa']],
    ['> @aaa', ['aaa']],
  ])('%j mentions %j', (message, users) => {
    expect(findMentions(message, ['user', 'user1', 'user2', 'aaa', 'bbb', 'ccc']).users).toEqual(users);
  });

  it.each([
    ['@here', 'here'],
    ['@channel', 'channel'],
    ['@all', 'all'],
    ['@HeRe', 'here'],
    ['@ChaNNel', 'channel'],
    ['@ALL', 'all'],
    ['hello all:@here', 'here'],
    ['hello all-@all', 'all'],
    ['hello channel.@channel', 'channel'],
  ] as const)('%j is a channel-wide mention (%s)', (message, flag) => {
    const r = findMentions(message, []);
    expect(r[flag]).toBe(true);
    expect(r.channelWide).toBe(true);
  });

  it('"@potential. test" keeps "potential" as a potential mention (username ending with period)', () => {
    expect(findMentions('@potential. test', ['user']).otherPotential).toEqual(['potential']);
  });

  it('keeps other potential mentions as Mattermost does', () => {
    expect(findMentions('hello @potentialuser and @otherpotentialuser', []).otherPotential).toEqual([
      'potentialuser',
      'otherpotentialuser',
    ]);
    expect(findMentions('@user1, you can use @systembot to get help', ['user1']).otherPotential).toEqual([
      'systembot',
    ]);
  });

  it('does not mention from inline code or a code block', () => {
    expect(findMentions("this shouldn't mention `@channel` at all", []).channelWide).toBe(false);
    expect(findMentions("```\nthis shouldn't mention @channel at all\n```", []).channelWide).toBe(false);
  });
});

describe('the facts design.md section 4 relies on', () => {
  it('a backslash does not protect a mention', () => {
    expect(findMentions('\\@channel', []).channel).toBe(true);
    expect(findMentions('\\@alice', ['alice']).users).toEqual(['alice']);
  });
  it('a zero-width space after the @ does protect it', () => {
    expect(findMentions('@\u200bchannel @\u200balice', ['alice'])).toMatchObject({
      channelWide: false,
      users: [],
    });
  });
  it('a trailing punctuation run still mentions', () => {
    expect(findMentions('ping @alice.-:_ now', ['alice']).users).toEqual(['alice']);
  });
  it('matches a multibyte username inside a longer word', () => {
    expect(findMentions('hi @萌さん', ['萌']).users).toEqual(['萌']);
  });
});
