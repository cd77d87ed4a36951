import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { findChromium } from './chromium.ts';
import { launchChromium } from './launch.ts';

const chromiumPath = findChromium();
const profiles = () =>
  new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('playwright_chromiumdev_profile-')));

describe.skipIf(!chromiumPath)('launchChromium', () => {
  it('runs pages in a fresh temporary profile that is gone after close', async () => {
    const before = profiles();
    const context = await launchChromium({
      executablePath: chromiumPath!,
      viewport: { width: 800, height: 600 },
    });
    const ours = [...profiles()].filter((f) => !before.has(f));
    expect(ours.length).toBeGreaterThan(0);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.setContent('<p>hello</p>');
    expect(await page.evaluate(() => [document.querySelector('p')?.textContent, innerWidth])).toEqual([
      'hello',
      800,
    ]);
    await context.close();
    const left = profiles();
    expect(ours.filter((f) => left.has(f))).toEqual([]);
  });
});
