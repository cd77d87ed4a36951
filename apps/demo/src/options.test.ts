import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseArgs } from './options.ts';

describe('parseArgs', () => {
  it('defaults to real-time speed, the default port, and the TUI only on a terminal', () => {
    expect(parseArgs([], true)).toEqual({
      kind: 'run',
      options: { port: DEFAULT_PORT, speed: 1, loop: false, tui: true, keep: false },
    });
    expect(parseArgs([], false)).toMatchObject({ kind: 'run', options: { tui: false } });
  });

  it('reads every option, with separate or inline values', () => {
    expect(parseArgs(['--no-tui', '--port', '0', '--speed=20', '--loop', '--keep'], true)).toEqual({
      kind: 'run',
      options: { port: 0, speed: 20, loop: true, tui: false, keep: true },
    });
    expect(parseArgs(['--port=9000', '--speed', '0.5'], false)).toMatchObject({
      options: { port: 9000, speed: 0.5 },
    });
  });

  it('reports every problem together', () => {
    const r = parseArgs(['--port', 'x', '--speed', '0', '--bogus', '--speed'], false);
    expect(r).toEqual({
      kind: 'invalid',
      problems: [
        '--port needs a port number 0-65535 (got "x")',
        '--speed needs a positive number (got "0")',
        'unknown option "--bogus"',
        '--speed needs a positive number (got nothing)',
      ],
    });
    expect(parseArgs(['--port', '70000'], false)).toMatchObject({ kind: 'invalid' });
  });

  it('shows help even next to other problems', () => {
    expect(parseArgs(['--bogus', '--help'], false)).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'], false)).toEqual({ kind: 'help' });
  });
});
