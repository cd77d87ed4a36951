import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.ts';

describe('parseCliArgs', () => {
  it('reads port, rate limit, repeated plugins', () => {
    const { options, problems } = parseCliArgs([
      '--port',
      '0',
      '--rate-limit',
      '--plugin',
      'a',
      '--plugin',
      'b.tar.gz',
    ]);
    expect(problems).toEqual([]);
    expect(options).toMatchObject({ port: 0, rateLimit: true, plugins: ['a', 'b.tar.gz'] });
  });
  it('reports every problem at once', () => {
    expect(parseCliArgs(['--port', 'x', '--bogus', '--seed']).problems).toEqual([
      '--port: not a port: x',
      'unknown argument: --bogus',
      '--seed needs a value',
    ]);
  });
});
