// @vitest-environment node
// End to end in Chromium: the plugin is built and packaged, uploaded and enabled on mm-dev-server
// with the deploy script, loaded by a Mattermost-like host page from the bundle URL the server
// lists, and driven by a scripted bot client that creates and patches a status post exactly as
// the daemon does (props-only patches with `toProps`).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  findChromium,
  launchChromium,
  logIn,
  openMattermostHost,
  serveMattermostHost,
} from '@livestatus/browser-testing';
import { createServer, DEFAULT_IDS, type MmDevServer } from '@livestatus/mm-dev-server';
import { toProps } from '@livestatus/render/props';
import type { SessionView } from '@livestatus/transcript';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build scripts without type declarations
import { buildBundle } from '../build.mjs';
// @ts-expect-error: plain ESM build scripts without type declarations
import { deployPlugin } from '../scripts/deploy.mjs';
// @ts-expect-error: plain ESM build scripts without type declarations
import { packagePlugin } from '../scripts/package.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const appDir = path.resolve(here, '..');
const artifacts = path.resolve(appDir, '../../test-artifacts/mm-webapp');
// Under CI a missing chromium fails this file; elsewhere the suite is skipped.
const chromiumPath = findChromium();

function view(over: Partial<SessionView> = {}): SessionView {
  const t0 = Date.now() - 38_000;
  return {
    key: 'agent:main:mattermost:channel:town-square',
    sessionId: 'e2e-session',
    agent: 'main',
    label: 'main',
    state: 'active',
    turn: 1,
    startedAt: t0,
    lastActivityAt: Date.now(),
    tokens: 0,
    compactions: 0,
    lines: [
      { kind: 'text', id: 't1', text: 'Reading live-status source code...', at: t0 + 1000 },
      {
        kind: 'tool',
        id: 'x1',
        tool: 'exec',
        label: 'exec: ls /agents/sessions',
        status: 'ok',
        at: t0 + 2000,
      },
    ],
    ...over,
  };
}

class BotClient {
  constructor(private server: MmDevServer) {}
  private async call(method: string, p: string, body: unknown, token: string = DEFAULT_IDS.botToken) {
    const res = await fetch(`${this.server.url}/api/v4${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; edit_at: number };
  }
  create(v: SessionView, token?: string, livestatus: unknown = toProps(v)) {
    return this.call(
      'POST',
      '/posts?set_online=false',
      {
        channel_id: DEFAULT_IDS.channelId,
        type: 'custom_livestatus',
        message: `[${v.state.toUpperCase()}] ${v.label}`,
        props: { livestatus, from_bot: 'true' },
      },
      token,
    );
  }
  patch(id: string, v: SessionView) {
    return this.call('PUT', `/posts/${id}/patch`, { props: { livestatus: toProps(v), from_bot: 'true' } });
  }
}

const consoleLines: string[] = [];

// biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator, not a DOM node; innerText is the rendered text a person reads
const textOf = (l: Locator) => l.innerText();

const openHost = (page: Page, url: string, theme = 'light') =>
  openMattermostHost(page, url, { theme, diagnostics: () => consoleLines.join('\n') });

/** What the plugin has registered with the host: components in the store, WebSocket handlers. */
const registrations = (page: Page) =>
  page.evaluate(() => {
    const host = (
      window as unknown as {
        __host: {
          store: { getState(): { plugins: { components: object } } };
          wsHandlerCount(id: string): number;
        };
      }
    ).__host;
    return {
      components: Object.keys(host.store.getState().plugins.components).length,
      ws: host.wsHandlerCount('com.openclaw.livestatus'),
    };
  });

describe.skipIf(!chromiumPath)('webapp plugin in Chromium, loaded from the uploaded package', () => {
  let server: MmDevServer;
  let context: BrowserContext;
  let page: Page;
  let bot: BotClient;
  let postId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await buildBundle();
    const { file } = packagePlugin();
    server = await createServer();
    await deployPlugin({ url: server.url, token: DEFAULT_IDS.adminToken, file });
    bot = new BotClient(server);
    context = await launchChromium({ executablePath: chromiumPath!, viewport: { width: 1280, height: 800 } });
    await serveMattermostHost(context, server.url, appDir);
    await logIn(context, server.url, 'alice', DEFAULT_IDS.alicePassword);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it('renders a bot status post as a live box and updates it in place, without "(edited)"', async () => {
    await openHost(page, server.url);
    expect(
      await page.evaluate(
        () =>
          typeof (window as unknown as { plugins: Record<string, unknown> }).plugins[
            'com.openclaw.livestatus'
          ],
      ),
    ).toBe('object');
    const created = await bot.create(view());
    postId = created.id;
    const post = page.locator(`[data-post-id="${postId}"]`);
    await expect
      .poll(() => post.locator('[data-testid="livestatus-live"]').count(), { timeout: 10_000 })
      .toBe(1);
    await expect.poll(() => textOf(post)).toContain('[ACTIVE]');
    expect(await textOf(post)).toContain('Reading live-status source code...');

    // Elapsed time ticks in the browser with no server traffic.
    const before = await textOf(post);
    await page.waitForTimeout(2_500);
    const after = await textOf(post);
    expect(after, `${before} => ${after}`).not.toBe(before);

    await bot.patch(
      postId,
      view({
        lines: [
          ...view().lines,
          { kind: 'text', id: 't2', text: 'Writing new implementation...', at: Date.now() },
          { kind: 'tool', id: 'x2', tool: 'exec', label: 'exec: npm test', status: 'error', at: Date.now() },
        ],
        tokens: 12_400,
      }),
    );
    await expect.poll(() => textOf(post), { timeout: 10_000 }).toContain('Writing new implementation...');
    expect(await textOf(post)).not.toContain('(edited)');
    expect(server.post(postId)?.edit_at).toBe(0);
    await page.screenshot({ path: path.join(artifacts, 'post-live-light.png') });
  });

  it('lists the session in the RHS panel (App Bar icon) and again after a reload', async () => {
    await page.getByRole('button', { name: 'Agent sessions' }).last().click();
    const row = page.locator(`#rhs [data-testid="livestatus-session"][data-post-id="${postId}"]`);
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await textOf(row)).toContain('Town Square');

    await page.reload();
    await openHost(page, server.url);
    await page.locator('#channel-header').getByRole('button', { name: 'Agent sessions' }).click();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'panel-after-reload.png') });

    await row.click();
    const navigations = await page.evaluate(
      () => (window as unknown as { __host: { navigations: string[] } }).__host.navigations,
    );
    expect(navigations).toEqual([`/livestatus/pl/${postId}`]);
  });

  it('shows the floating widget, keeps a dragged position across reloads, collapses, and hides 5 s after the end', async () => {
    const widget = page.locator('[data-testid="livestatus-widget"]');
    await expect.poll(() => widget.count(), { timeout: 10_000 }).toBe(1);
    expect(await textOf(widget)).toContain('1 active');
    const handle = page.locator('[data-testid="livestatus-widget-handle"]');
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x - 300, box.y - 250, { steps: 8 });
    await page.mouse.up();
    const moved = (await widget.boundingBox())!;
    expect(Math.abs(moved.x - (box.x - 340 - 0))).toBeLessThan(60);
    expect(moved.y).toBeLessThan(box.y - 200);

    await page.reload();
    await openHost(page, server.url);
    await expect.poll(() => widget.count(), { timeout: 10_000 }).toBe(1);
    const after = (await widget.boundingBox())!;
    expect(Math.round(after.x)).toBe(Math.round(moved.x));
    expect(Math.round(after.y)).toBe(Math.round(moved.y));
    await page.screenshot({ path: path.join(artifacts, 'widget-light.png') });

    await page.locator('[data-testid="livestatus-widget-collapse"]').click();
    await expect.poll(() => widget.getAttribute('data-collapsed')).toBe('true');
    expect(await textOf(page.locator('[data-testid="livestatus-widget-badge"]'))).toBe('1');
    await page.screenshot({ path: path.join(artifacts, 'widget-collapsed.png') });
    await widget.click();
    await expect.poll(() => widget.getAttribute('data-collapsed')).toBe('false');

    const ended = Date.now();
    await bot.patch(postId, view({ state: 'done', endedAt: ended, tokens: 12_400 }));
    const post = page.locator(`[data-post-id="${postId}"]`);
    await expect.poll(() => textOf(post), { timeout: 10_000 }).toContain('[DONE]');
    expect(await widget.count()).toBe(1);
    await expect.poll(() => widget.count(), { timeout: 10_000, interval: 250 }).toBe(0);
    const hiddenAfter = Date.now() - ended;
    expect(hiddenAfter).toBeGreaterThanOrEqual(4_000);
    expect(hiddenAfter).toBeLessThan(8_000);
    await page.screenshot({ path: path.join(artifacts, 'post-done-light.png') });
  });

  it('shows forged posts as plain text and runs none of their markup', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const forged = await bot.create(
      view({ label: hostile, lines: [{ kind: 'text', id: 'h', text: hostile.repeat(2000), at: 1 }] }),
      DEFAULT_IDS.aliceToken,
    );
    const wrongVersion = await bot.create(view(), DEFAULT_IDS.botToken, { v: 99, k: hostile });
    const post = (id: string) => page.locator(`[data-post-id="${id}"]`);
    await expect
      .poll(() => post(forged.id).locator('[data-testid="livestatus-plain"]').count(), { timeout: 10_000 })
      .toBe(1);
    await expect
      .poll(() => post(wrongVersion.id).locator('[data-testid="livestatus-plain"]').count())
      .toBe(1);
    expect(await post(forged.id).locator('[data-testid="livestatus-live"]').count()).toBe(0);
    expect(await post(forged.id).locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // A forged session never reaches the panel or the widget either.
    expect(
      await page.locator(`[data-testid="livestatus-session"][data-post-id="${forged.id}"]`).count(),
    ).toBe(0);
  });

  it('looks right in a dark theme', async () => {
    const dark = await bot.create(view({ key: 'agent:main:dark', label: 'reviewer' }));
    await openHost(page, server.url, 'dark');
    const post = page.locator(`[data-post-id="${dark.id}"]`);
    await expect
      .poll(() => post.locator('[data-testid="livestatus-live"]').count(), { timeout: 10_000 })
      .toBe(1);
    await page.screenshot({ path: path.join(artifacts, 'post-live-dark.png') });
    const bg = await post
      .locator('[data-testid="livestatus-live"] > *')
      .first()
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgb(255, 255, 255)');
  });

  it('uninitialize removes every component and WebSocket handler it registered', async () => {
    const registered = await registrations(page);
    // post type, RHS, App Bar, channel header button, root widget; posted, post_edited, post_deleted
    expect(registered).toEqual({ components: 5, ws: 3 });
    await page.evaluate(() =>
      (window as unknown as { __host: { removePlugin(id: string): void } }).__host.removePlugin(
        'com.openclaw.livestatus',
      ),
    );
    const left = await registrations(page);
    expect(left).toEqual({ components: 0, ws: 0 });
    expect(pageErrors).toEqual([]);
  });
});
