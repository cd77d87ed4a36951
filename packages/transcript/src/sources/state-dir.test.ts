import { describe, expect, it } from 'vitest';
import { resolveStateDir } from './state-dir.ts';

describe('resolveStateDir', () => {
  it('prefers OPENCLAW_STATE_DIR', () => {
    expect(resolveStateDir({ OPENCLAW_STATE_DIR: '/srv/oc', OPENCLAW_HOME: '/h' }, '/home/u')).toBe(
      '/srv/oc',
    );
  });
  it('treats OPENCLAW_HOME as a home directory, not the state directory', () => {
    expect(resolveStateDir({ OPENCLAW_HOME: '/h' }, '/home/u')).toBe('/h/.openclaw');
  });
  it('falls back to ~/.openclaw and ignores blank values', () => {
    expect(resolveStateDir({ OPENCLAW_STATE_DIR: '  ', OPENCLAW_HOME: '' }, '/home/u')).toBe(
      '/home/u/.openclaw',
    );
  });
});
