// Debian chromium (playwright-core) opening the Mattermost-like host page of the webapp's own
// Chromium suite (apps/mm-webapp/test/host/host.js, loaded as a file, not copied), which loads the
// plugin bundle mm-dev-server serves and renders the current channel's posts, logged in as alice.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_IDS, type MmDevServer } from '@livestatus/mm-dev-server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { repoRoot } from './paths.ts';

export const CHROMIUM_HINT = 'chromium is missing: install it with `sudo apt-get install -y chromium`';

export function findChromium(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : undefined;
}

const webapp = path.join(repoRoot, 'apps/mm-webapp');
const req = createRequire(path.join(webapp, 'package.json'));
const umd = (pkg: string, file: string) => path.join(path.dirname(req.resolve(`${pkg}/package.json`)), file);
/** React 18.2 and friends as the Mattermost webapp gives them to plugins (the webapp's own copies). */
const VENDOR: Record<string, string> = {
  'react.js': umd('react', 'umd/react.production.min.js'),
  'react-dom.js': umd('react-dom', 'umd/react-dom.production.min.js'),
  'redux.js': umd('redux', 'dist/redux.min.js'),
  'react-redux.js': umd('react-redux', 'dist/react-redux.min.js'),
  'prop-types.js': umd('prop-types', 'prop-types.min.js'),
  'host.js': path.join(webapp, 'test/host/host.js'),
};
const HOST_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>host</title>
${['react.js', 'react-dom.js', 'redux.js', 'react-redux.js', 'prop-types.js'].map((f) => `<script src="/__host/${f}"></script>`).join('\n')}
</head><body><div id="root"></div><script src="/__host/host.js"></script></body></html>`;

export async function openHostPage(
  server: MmDevServer,
  chromiumPath: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(
    mkdtempSync(path.join(tmpdir(), 'ls-faults-chromium-')),
    {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        '--disable-gpu',
        '--disable-features=LocalNetworkAccessChecks',
      ],
    },
  );
  await context.route(`${server.url}/__host/**`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: HOST_HTML });
    const file = VENDOR[name];
    return file
      ? route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) })
      : route.fulfill({ status: 404 });
  });
  const login = await context.request.post(`${server.url}/api/v4/users/login`, {
    data: { login_id: 'alice', password: DEFAULT_IDS.alicePassword },
  });
  if (login.status() !== 200) throw new Error(`login as alice failed: ${login.status()}`);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/__host/index.html`);
  await page.waitForFunction(
    () => {
      const host = (window as unknown as { __host?: { ready?: boolean; error?: string } }).__host;
      return host?.ready || host?.error;
    },
    undefined,
    { timeout: 15_000 },
  );
  const error = await page.evaluate(
    () => (window as unknown as { __host?: { error?: string } }).__host?.error,
  );
  if (error) throw new Error(`host page failed: ${error}`);
  return { context, page };
}
