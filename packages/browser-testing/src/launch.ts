// One way to start Chromium for tests and scripts: a persistent context (as design §7 prescribes)
// with a quiet, offline-friendly profile.
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-gpu',
  // A host page fulfilled by the test (context.route) comes from no address space in Chromium's
  // eyes, so its loopback WebSocket would be refused by Local Network Access.
  '--disable-features=LocalNetworkAccessChecks',
];

export interface LaunchOptions {
  /** The chromium binary (see findChromium). */
  executablePath: string;
  /** Page size; Playwright's default (1280x720) when omitted. */
  viewport?: { width: number; height: number };
}

/**
 * Headless Chromium over a fresh temporary profile. The empty userDataDir makes Playwright create
 * the profile directory itself and remove it once the browser has exited, on `context.close()`.
 */
export function launchChromium({ executablePath, viewport }: LaunchOptions): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS],
    ...(viewport ? { viewport } : {}),
  });
}
