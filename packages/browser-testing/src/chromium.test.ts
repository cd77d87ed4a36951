import { describe, expect, it } from 'vitest';
import { CHROMIUM_HINT, findChromium } from './chromium.ts';

const only = (file: string) => (f: string) => f === file;
const none = () => false;

describe('findChromium', () => {
  it('returns the first chromium on PATH', () => {
    const env = { PATH: '/opt/a:/usr/bin:/bin' };
    expect(findChromium({ env, exists: only('/usr/bin/chromium') })).toBe('/usr/bin/chromium');
  });

  it('is undefined outside CI when chromium is missing, so the caller can skip', () => {
    expect(findChromium({ env: { PATH: '/usr/bin' }, exists: none })).toBeUndefined();
    expect(findChromium({ env: { PATH: '/usr/bin', CI: 'false' }, exists: none })).toBeUndefined();
  });

  it('throws under CI when chromium is missing, naming the apt-get command', () => {
    for (const CI of ['true', '1']) {
      expect(() => findChromium({ env: { PATH: '/usr/bin', CI }, exists: none })).toThrow(CHROMIUM_HINT);
    }
    expect(CHROMIUM_HINT).toContain('apt-get install -y chromium');
  });

  it('finds chromium under CI like anywhere else', () => {
    expect(findChromium({ env: { PATH: '/usr/bin', CI: 'true' }, exists: only('/usr/bin/chromium') })).toBe(
      '/usr/bin/chromium',
    );
  });

  it('ignores empty PATH entries instead of looking in the working directory', () => {
    expect(findChromium({ env: { PATH: ':/usr/bin' }, exists: (f) => f === 'chromium' })).toBeUndefined();
  });
});
