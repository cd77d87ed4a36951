// The Mattermost-like page that hosts the real plugin bundle in Chromium tests (host-page.ts),
// served under `<origin>/__host/` by context.route so the page shares mm-dev-server's origin.
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { hostFiles, hostPageHtml } from './host-page.ts';

/** Serves the host page at `<origin>/__host/index.html`; `webappDir` is apps/mm-webapp. */
export async function serveMattermostHost(
  context: BrowserContext,
  origin: string,
  webappDir: string,
): Promise<void> {
  const files = hostFiles(webappDir);
  const html = hostPageHtml();
  await context.route(`${origin}/__host/**`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = files[name];
    return file
      ? route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) })
      : route.fulfill({ status: 404 });
  });
}

/** Logs the context in (session cookie) through the REST API; a non-200 answer throws. */
export async function logIn(
  context: BrowserContext,
  origin: string,
  loginId: string,
  password: string,
): Promise<void> {
  const res = await context.request.post(`${origin}/api/v4/users/login`, {
    data: { login_id: loginId, password },
  });
  if (res.status() !== 200) throw new Error(`login as ${loginId} failed: ${res.status()}`);
}

type HostWindow = { __host?: { ready?: boolean; error?: string } };

export interface OpenHostOptions {
  /** `?theme=` for host.js ('light' or 'dark'); host.js defaults to light. */
  theme?: string;
  /** Extra text for the "did not start" error, e.g. the page's console lines. */
  diagnostics?: () => string;
}

/** Loads the host page and waits until it reports ready; a host error or a 15 s wait throws. */
export async function openMattermostHost(
  page: Page,
  origin: string,
  opts: OpenHostOptions = {},
): Promise<void> {
  await page.goto(`${origin}/__host/index.html${opts.theme ? `?theme=${opts.theme}` : ''}`);
  try {
    await page.waitForFunction(
      () => {
        const host = (window as unknown as HostWindow).__host;
        return host?.ready || host?.error;
      },
      undefined,
      { timeout: 15_000 },
    );
  } catch (err) {
    throw new Error(`host page did not start: ${err}${opts.diagnostics ? `\n${opts.diagnostics()}` : ''}`);
  }
  const error = await page.evaluate(() => (window as unknown as HostWindow).__host?.error);
  if (error) throw new Error(`host page failed: ${error}`);
}
