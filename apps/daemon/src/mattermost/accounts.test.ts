import { describe, expect, it } from 'vitest';
import { pickBot } from './accounts.ts';

const listed = new Set(['second', 'ops']);

describe('pickBot', () => {
  it('uses the default bot for no account and for "default"', () => {
    expect(pickBot(undefined, listed)).toEqual({});
    expect(pickBot('default', listed)).toEqual({});
  });
  it('uses a listed account’s own bot', () => {
    expect(pickBot('second', listed)).toEqual({ account: 'second' });
  });
  it('falls back to the default bot for an unlisted account, naming it for the log', () => {
    expect(pickBot('sales', listed)).toEqual({ unlisted: 'sales' });
    expect(pickBot('sales', new Set())).toEqual({ unlisted: 'sales' });
  });
});
