// Debian chromium opening the Mattermost-like host page of the webapp's own Chromium suite
// (@livestatus/browser-testing), which loads the plugin bundle mm-dev-server serves and renders
// the current channel's posts, logged in as alice.
import path from 'node:path';
import { launchChromium, logIn, openMattermostHost, serveMattermostHost } from '@livestatus/browser-testing';
import { DEFAULT_IDS, type MmDevServer } from '@livestatus/mm-dev-server';
import type { BrowserContext, Page } from 'playwright-core';
import { repoRoot } from './paths.ts';

export { CHROMIUM_HINT, findChromium } from '@livestatus/browser-testing';

export async function openHostPage(
  server: MmDevServer,
  chromiumPath: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await launchChromium({ executablePath: chromiumPath });
  try {
    await serveMattermostHost(context, server.url, path.join(repoRoot, 'apps/mm-webapp'));
    await logIn(context, server.url, 'alice', DEFAULT_IDS.alicePassword);
    const page = context.pages()[0] ?? (await context.newPage());
    await openMattermostHost(page, server.url);
    return { context, page };
  } catch (err) {
    await context.close();
    throw err;
  }
}
