// Debian's chromium driven by playwright-core (never a downloaded browser). Missing chromium is a
// failure under CI=true and names the command that installs it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const INSTALL_HINT = 'chromium is missing: install it with `sudo apt-get install -y chromium`';

export function findChromium(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const found = r.stdout.trim();
  return r.status === 0 && found ? found : undefined;
}

export const IS_CI = process.env.CI === 'true' || process.env.CI === '1';

export async function launch(executablePath: string): Promise<BrowserContext> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'livestatus-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--disable-gpu',
      // The host page is fulfilled by the test (page.route), which Chromium treats as coming from
      // no address space, so its loopback WebSocket would be refused by Local Network Access.
      '--disable-features=LocalNetworkAccessChecks',
    ],
  });
}
