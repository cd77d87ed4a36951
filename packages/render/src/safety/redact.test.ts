import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact.ts';

// Each secret is fake but shaped like the real thing.
const SECRETS: Array<[string, string, string]> = [
  ['bearer token', 'curl -H "Authorization: Bearer abc.DEF-123_xyz456"', 'abc.DEF-123_xyz456'],
  ['key=value', 'export API_KEY=s3cr3tvalue', 's3cr3tvalue'],
  ['JSON apiKey', '{"apiKey": "my-fake-key-value", "model": "x"}', 'my-fake-key-value'],
  ['password colon', 'password: hunter2', 'hunter2'],
  ['CLI flag', 'openclaw login --token abcd1234efgh', 'abcd1234efgh'],
  ['URL credentials', 'git clone https://bob:pa55word@example.com/repo.git', 'pa55word'],
  ['private key', '-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA', 'MIIEowIBAAKCAQEA'],
  ['AWS access key', 'aws_key AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
  [
    'GitHub token',
    'using ghp_1234567890abcdefghijABCDEFGHIJ123456',
    'ghp_1234567890abcdefghijABCDEFGHIJ123456',
  ],
  ['Slack token', 'SLACK xoxb-1234567890-abcdefghijkl', 'xoxb-1234567890-abcdefghijkl'],
  ['OpenAI key', 'key sk-proj-AbCdEf1234567890XyZ', 'sk-proj-AbCdEf1234567890XyZ'],
  [
    'long hex',
    'secret 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    '9f86d081884c7d659a2f',
  ],
  [
    'long base64',
    'blob dGhpcyBpcyBhIHZlcnkgbG9uZyBzZWNyZXQgS2V5MTIz==',
    'dGhpcyBpcyBhIHZlcnkgbG9uZyBzZWNyZXQgS2V5MTIz',
  ],
  [
    'JWT',
    'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'eyJhbGciOiJIUzI1NiJ9',
  ],
];

describe('redactSecrets', () => {
  it.each(SECRETS)('hides a %s', (_name, text, secret) => {
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED');
  });

  it.each([
    'exec: ls /home/node/workdir/packages/transcript/src/core',
    'Counting tokens in the transcript',
    'read: /usr/lib/node_modules/openclaw/dist/index.js',
    'Plan ready. Awaiting approval.',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactSecrets(text)).toBe(text);
  });

  it('is idempotent', () => {
    for (const [, text] of SECRETS) expect(redactSecrets(redactSecrets(text))).toBe(redactSecrets(text));
  });
});
